namespace NodeAgent.Tests.Support;

/// <summary>What storescu was answered, file by file, and how it ended.</summary>
/// <param name="ExitCode">storescu's exit code.</param>
/// <param name="Responses">Every C-STORE response, in order.</param>
/// <param name="Output">Everything it wrote.</param>
public sealed record StorescuOutcome(int ExitCode, IReadOnlyList<StoreResponse> Responses, string Output)
{
    /// <summary>The files answered with Success.</summary>
    public IReadOnlyList<string> Acknowledged => Responses.Where(r => r.IsSuccess).Select(r => r.File).ToList();
}
