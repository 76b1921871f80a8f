using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using NodeAgent.Federation.Contract;
using NodeAgent.Hub.Nodes;

namespace NodeAgent.Hub.Queries;

/// <summary>
/// Sends a query to nodes and gathers their results until all have answered or the deadline (plus a short grace for
/// the answers in flight) has passed. A target node that (re)connects while the query is pending gets it again,
/// so a node restarted mid-query still answers; results are acknowledged whenever they come.
/// </summary>
public sealed class QueryCoordinator
{
    /// <summary>How long after the deadline results are still awaited (a node's refusal of a late query is one).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly NodeRegistry _registry;
    private readonly ILogger<QueryCoordinator> _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, PendingQuery> _pending = new(StringComparer.Ordinal);

    /// <summary>Creates the coordinator over the registry.</summary>
    public QueryCoordinator(NodeRegistry registry, ILogger<QueryCoordinator> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _logger = logger;
        _time = time;
        registry.NodeConnected += (_, nodeId) => Redeliver(nodeId);
    }

    /// <summary>Asks <paramref name="nodes"/> (null: every node connected now) and waits up to <paramref name="timeout"/>.</summary>
    public Task<MergedResult> RunAsync(Query query, IReadOnlyList<string>? nodes, TimeSpan timeout, string requesterId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            QueryId = Guid.NewGuid().ToString("N"),
            RequesterId = requesterId,
            Deadline = Timestamp.FromDateTimeOffset(_time.GetUtcNow() + timeout),
            Query = query,
        };
        return RunAsync(request, nodes ?? _registry.ConnectedNodeIds(), cancellationToken);
    }

    /// <summary>Sends a prepared request (its id and deadline as given) to the nodes and merges what comes back.</summary>
    public async Task<MergedResult> RunAsync(QueryRequest request, IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pending = new PendingQuery(request, [.. nodes.Distinct(StringComparer.Ordinal)]);
        if (!_pending.TryAdd(request.QueryId, pending))
        {
            throw new InvalidOperationException($"query {request.QueryId} is running already");
        }

        var deadline = request.Deadline.ToDateTimeOffset();
        HubLog.QueryDispatched(_logger, request.QueryId, request.RequesterId, pending.Targets.Count, deadline);
        try
        {
            foreach (var node in pending.Targets)
            {
                _registry.TrySend(node, new HubMessage { QueryRequest = request });
            }

            // Until the deadline, plus a grace for answers in flight; a request sent past its deadline still gets the
            // grace, so the nodes' "expired" refusals are collected rather than reported as time-outs.
            var left = deadline - _time.GetUtcNow();
            var wait = (left > TimeSpan.Zero ? left : TimeSpan.Zero) + Grace;
            if (pending.Targets.Count > 0)
            {
                try
                {
                    await pending.AllAnswered.WaitAsync(wait, _time, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Whoever has not answered by now is reported as timed out.
                }
            }
        }
        finally
        {
            _pending.TryRemove(request.QueryId, out _);
        }

        var connected = _registry.ConnectedNodeIds();
        var missing = pending.Targets.Where(t => !pending.HasResult(t))
            .ToDictionary(t => t, t => connected.Contains(t) ? "no answer before the deadline" : "not connected", StringComparer.Ordinal);
        var merged = ResultMerger.Merge(request, pending.Targets, pending.Results, missing);
        HubLog.QueryFinished(_logger, request.QueryId, merged.Nodes.Count(n => n.Status == "answered"), merged.Nodes.Count(n => n.Status == "refused"), missing.Count);
        return merged;
    }

    internal void OnResult(string nodeId, QueryResult result)
    {
        if (_pending.TryGetValue(result.QueryId, out var pending) && pending.Record(nodeId, result))
        {
            var outcome = result.OutcomeCase == QueryResult.OutcomeOneofCase.Refusal ? $"refused ({result.Refusal.Code}: {result.Refusal.Reason})" : "answered";
            HubLog.QueryResult(_logger, result.QueryId, nodeId, outcome);
        }
        else if (pending is null)
        {
            HubLog.LateResult(_logger, result.QueryId, nodeId);
        }
    }

    private void Redeliver(string nodeId)
    {
        foreach (var pending in _pending.Values.Where(p => p.IsTarget(nodeId) && !p.HasResult(nodeId)))
        {
            if (_registry.TrySend(nodeId, new HubMessage { QueryRequest = pending.Request }))
            {
                HubLog.QueryRedelivered(_logger, pending.Request.QueryId, nodeId);
            }
        }
    }
}
