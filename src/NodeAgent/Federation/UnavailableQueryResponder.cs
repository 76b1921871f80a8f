using NodeAgent.Federation.Contract;
using NodeAgent.Federation.Link;

namespace NodeAgent.Federation;

/// <summary>
/// PARTIAL: stands in until the query engine (NodeAgent.Core.Query.QueryService, the `query` branch) is merged; it
/// refuses every query with a reason the hub operator can read, so the link, outbox and hub can run end to end.
/// </summary>
internal sealed class UnavailableQueryResponder : IQueryResponder
{
    public string PolicyHash => "none";

    public IReadOnlyList<string> Capabilities => [];

    public Task<QueryResult> AnswerAsync(QueryRequest request, CancellationToken cancellationToken) => Task.FromResult(new QueryResult
    {
        QueryId = request.QueryId,
        PolicyHash = PolicyHash,
        Refusal = new Refusal { Code = "unavailable", Reason = "this node has no query engine yet" },
    });
}
