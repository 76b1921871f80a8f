namespace NodeAgent.Core.Query;

/// <summary>What the node sends back for one query, exactly as it was audited.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="Kind">Answered or refused.</param>
/// <param name="RefusalCode">When refused: <c>expired</c>, <c>invalid-query</c>, <c>epsilon-exhausted</c>, <c>differencing</c> or <c>internal</c>.</param>
/// <param name="RefusalReason">When refused: a sentence a hub operator can read.</param>
/// <param name="Table">When answered: the released table.</param>
/// <param name="PolicyHash">The hash of the disclosure policy in force.</param>
/// <param name="EpsilonSpent">The differential-privacy budget this answer spent (0 without differential privacy).</param>
public sealed record QueryOutcome(
    string QueryId,
    QueryOutcomeKind Kind,
    string? RefusalCode,
    string? RefusalReason,
    ReleasedTable? Table,
    string PolicyHash,
    double EpsilonSpent);
