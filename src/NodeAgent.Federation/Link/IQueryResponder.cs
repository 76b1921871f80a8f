using NodeAgent.Federation.Contract;

namespace NodeAgent.Federation.Link;

/// <summary>
/// Answers one federated query: the seam between the hub link and the query engine (engine, disclosure control,
/// ε ledger, audit). The link refuses what it must not run (no deadline, deadline passed, a fault) through
/// <see cref="RefuseAsync"/>, so the engine's audit log holds every outcome, not only the queries it ran.
/// </summary>
public interface IQueryResponder
{
    /// <summary>The hash of the disclosure policy in force, sent in Hello.</summary>
    string PolicyHash { get; }

    /// <summary>The query engine's capabilities, sent in Hello (for example "query.v1").</summary>
    IReadOnlyList<string> Capabilities { get; }

    /// <summary>Answers the request: a released table or a refusal, never an exception for a query it cannot answer.</summary>
    Task<QueryResult> AnswerAsync(QueryRequest request, CancellationToken cancellationToken);

    /// <summary>Records a refusal the link decided without running the query (audited like any outcome) and returns it.</summary>
    Task<QueryResult> RefuseAsync(QueryRequest request, string code, string reason, CancellationToken cancellationToken);
}
