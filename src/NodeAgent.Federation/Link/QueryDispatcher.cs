using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NodeAgent.Federation.Contract;

namespace NodeAgent.Federation.Link;

/// <summary>
/// Runs the hub's queries for the link: expired ones are refused without running, every result goes into the outbox
/// before it is sent, and a query id answered before is answered from the outbox, never run again.
/// </summary>
internal sealed class QueryDispatcher(IQueryResponder responder, Outbox outbox, ILogger logger, TimeProvider time)
{
    private const int MaxQueryIdLength = 128;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Starts handling a request; the returned task completes when its result has been stored and offered to <paramref name="send"/>.</summary>
    public Task HandleAsync(QueryRequest request, Func<NodeMessage, Task> send, CancellationToken stopping)
    {
        if (string.IsNullOrEmpty(request.QueryId) || request.QueryId.Length > MaxQueryIdLength)
        {
            FederationLog.QueryMalformed(logger, "(none)", $"a query id has 1 to {MaxQueryIdLength} characters");
            return Task.CompletedTask;
        }

        if (outbox.TryGet(request.QueryId, out var stored, out _))
        {
            FederationLog.QueryRedelivered(logger, request.QueryId);
            return send(Wrap(stored));
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inFlight.TryAdd(request.QueryId, started.Task))
        {
            FederationLog.QueryInFlight(logger, request.QueryId);
            return Task.CompletedTask;
        }

        return RunAsync(request, send, started, stopping);
    }

    /// <summary>Sends every result the hub has not acknowledged (after a reconnect).</summary>
    public async Task ResendPendingAsync(Func<NodeMessage, Task> send)
    {
        var pending = outbox.Pending();
        if (pending.Count > 0)
        {
            FederationLog.OutboxResent(logger, pending.Count);
        }

        foreach (var result in pending)
        {
            await send(Wrap(result));
        }
    }

    public void Acknowledged(string queryId)
    {
        if (outbox.MarkAcknowledged(queryId, time.GetUtcNow()))
        {
            FederationLog.ResultAcked(logger, queryId);
        }
    }

    /// <summary>Waits for the queries still running (each stores its result before it ends).</summary>
    public Task DrainAsync() => Task.WhenAll(_inFlight.Values);

    private static NodeMessage Wrap(QueryResult result) => new() { QueryResult = result };

    private async Task RunAsync(QueryRequest request, Func<NodeMessage, Task> send, TaskCompletionSource done, CancellationToken stopping)
    {
        try
        {
            var result = outbox.Store(await AnswerAsync(request, stopping), time.GetUtcNow());
            await send(Wrap(result));
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or UnauthorizedAccessException)
        {
            // The outbox could not take the result: nothing is sent (a result is never sent unless it is stored),
            // and the hub's re-delivery after a reconnect will ask again.
            FederationLog.QueryFailed(logger, e, request.QueryId);
        }
        finally
        {
            _inFlight.TryRemove(request.QueryId, out _);
            done.TrySetResult();
        }
    }

    private async Task<QueryResult> AnswerAsync(QueryRequest request, CancellationToken stopping)
    {
        if (request.Deadline is null || request.Query is null)
        {
            FederationLog.QueryMalformed(logger, request.QueryId, "a query request needs a deadline and a query");
            return await RefuseAsync(request, "invalid-query", "the request has no deadline or no query", stopping);
        }

        var deadline = request.Deadline.ToDateTimeOffset();
        var now = time.GetUtcNow();
        if (deadline <= now)
        {
            FederationLog.QueryExpired(logger, request.QueryId, request.RequesterId, deadline);
            return await RefuseAsync(request, "expired", $"the deadline {deadline:O} had passed when the node received the query", stopping);
        }

        FederationLog.QueryReceived(logger, request.QueryId, request.RequesterId, deadline);
        var watch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(deadline - now);
        QueryResult result;
        try
        {
            result = await responder.AnswerAsync(request, limit.Token);
            result.QueryId = request.QueryId;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            result = await RefuseAsync(request, "expired", "the deadline passed while the query ran", stopping);
        }
#pragma warning disable CA1031 // The protocol boundary: any fault of the engine becomes a refusal with a reason the hub can read.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            FederationLog.QueryFailed(logger, e, request.QueryId);
            result = await RefuseAsync(request, "internal", "the node failed to answer; its log has the details", stopping);
        }

        var outcome = result.OutcomeCase == QueryResult.OutcomeOneofCase.Refusal ? $"refused ({result.Refusal.Code})" : "answered";
        FederationLog.QueryDone(logger, request.QueryId, outcome, watch.ElapsedMilliseconds);
        return result;
    }

    private async Task<QueryResult> RefuseAsync(QueryRequest request, string code, string reason, CancellationToken stopping)
    {
        var result = await responder.RefuseAsync(request, code, reason, stopping);
        result.QueryId = request.QueryId;
        return result;
    }
}
