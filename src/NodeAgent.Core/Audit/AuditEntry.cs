using NodeAgent.Core.Query;

namespace NodeAgent.Core.Audit;

/// <summary>What one audit record says about a query; the log adds the sequence number, time and hashes.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="RequesterId">The requester.</param>
/// <param name="CanonicalQuery">The canonical query text (<see cref="Query.CanonicalQuery"/>); null when the query was invalid.</param>
/// <param name="PolicyHash">The disclosure policy's hash.</param>
/// <param name="Kind">Answered or refused.</param>
/// <param name="RefusalCode">When refused, the code.</param>
/// <param name="RefusalReason">When refused, the reason sent.</param>
/// <param name="Table">When answered, the released table (released values only, never true counts).</param>
/// <param name="EpsilonSpent">The ε the answer spent.</param>
public sealed record AuditEntry(
    string QueryId,
    string RequesterId,
    string? CanonicalQuery,
    string PolicyHash,
    QueryOutcomeKind Kind,
    string? RefusalCode,
    string? RefusalReason,
    ReleasedTable? Table,
    double EpsilonSpent);
