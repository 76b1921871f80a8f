namespace NodeAgent.Core.Pipeline;

/// <summary>An instance fails validation: it goes to quarantine with the code and the message (no patient value, no UID).</summary>
internal sealed class PipelineRejection(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
