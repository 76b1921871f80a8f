using System.Collections.Concurrent;
using NodeAgent.Federation.Contract;

namespace NodeAgent.Hub.Queries;

/// <summary>A query sent and not finished: the request, the nodes asked, and the results that have come back.</summary>
internal sealed class PendingQuery(QueryRequest request, IReadOnlyList<string> targets)
{
    private readonly ConcurrentDictionary<string, QueryResult> _results = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QueryRequest Request { get; } = request;

    public IReadOnlyList<string> Targets { get; } = targets;

    public IReadOnlyDictionary<string, QueryResult> Results => _results;

    public Task AllAnswered => _allAnswered.Task;

    public bool IsTarget(string nodeId) => Targets.Contains(nodeId, StringComparer.Ordinal);

    public bool HasResult(string nodeId) => _results.ContainsKey(nodeId);

    /// <summary>Records a node's result; the first one counts (a re-sent result is the same one).</summary>
    public bool Record(string nodeId, QueryResult result)
    {
        if (!IsTarget(nodeId) || !_results.TryAdd(nodeId, result))
        {
            return false;
        }

        if (Targets.All(_results.ContainsKey))
        {
            _allAnswered.TrySetResult();
        }

        return true;
    }
}
