namespace NodeAgent.Core.Audit;

/// <summary>The result of <see cref="AuditLog.Verify"/>.</summary>
/// <param name="Records">How many records were checked good before the first bad one (all of them when clean).</param>
/// <param name="BadLine">The 1-based line of the first bad record; null when the log is clean.</param>
/// <param name="Problem">What is wrong with it; null when the log is clean.</param>
public sealed record AuditVerification(long Records, long? BadLine, string? Problem)
{
    /// <summary>True when every record is intact and in order.</summary>
    public bool IsClean => BadLine is null;
}
