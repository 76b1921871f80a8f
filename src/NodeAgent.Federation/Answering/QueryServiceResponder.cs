using NodeAgent.Core.Query;
using NodeAgent.Federation.Contract;
using NodeAgent.Federation.Link;

namespace NodeAgent.Federation.Answering;

/// <summary>Answers the hub's queries with the query engine (engine, disclosure control, ε ledger, differencing guard, audit).</summary>
public sealed class QueryServiceResponder(QueryService service) : IQueryResponder
{
    /// <inheritdoc/>
    public string PolicyHash => service.PolicyHash;

    /// <inheritdoc/>
    public IReadOnlyList<string> Capabilities { get; } = ["query.v1", "filters:and,or,eq,in,range", "measures:patients,studies,series,instances", "group-by:2"];

    /// <inheritdoc/>
    public async Task<QueryResult> AnswerAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        FederatedQuery query;
        try
        {
            query = ContractMapping.ToQuery(request.Query);
        }
        catch (ContractMappingException e)
        {
            return new QueryResult
            {
                QueryId = request.QueryId,
                PolicyHash = service.PolicyHash,
                Refusal = new Refusal { Code = "invalid-query", Reason = e.Message },
            };
        }

        return ContractMapping.ToResult(await service.AnswerAsync(ContextOf(request), query, cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<QueryResult> RefuseAsync(QueryRequest request, string code, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ContractMapping.ToResult(await service.RefuseAsync(ContextOf(request), code, reason, cancellationToken));
    }

    // A request without a deadline is refused for that; its context then carries the earliest time.
    private static QueryContext ContextOf(QueryRequest request) =>
        new(request.QueryId, request.RequesterId, request.Deadline?.ToDateTimeOffset() ?? DateTimeOffset.MinValue);
}
