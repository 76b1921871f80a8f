using Microsoft.Extensions.Logging;
using NodeAgent.Federation.Link;

namespace NodeAgent.Federation;

internal static partial class FederationLog
{
    [LoggerMessage(3000, LogLevel.Information, "Hub link {State} ({Address})")]
    public static partial void LinkState(ILogger logger, HubLinkState state, string address);

    [LoggerMessage(3001, LogLevel.Warning, "Hub link to {Address} lost after {ConnectedSeconds:F0} s: {Reason}")]
    public static partial void LinkLost(ILogger logger, string address, double connectedSeconds, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "Hub link attempt {Attempt} to {Address} failed ({Reason}); next attempt in {DelayMs} ms")]
    public static partial void AttemptFailed(ILogger logger, int attempt, string address, string reason, long delayMs);

    [LoggerMessage(3003, LogLevel.Error, "Hub link to {Address} refused ({Reason}); next attempt in {DelayMs} ms")]
    public static partial void AttemptRefused(ILogger logger, string address, string reason, long delayMs);

    [LoggerMessage(3004, LogLevel.Information, "Query {QueryId} from {RequesterId} received, deadline {Deadline:O}")]
    public static partial void QueryReceived(ILogger logger, string queryId, string requesterId, DateTimeOffset deadline);

    [LoggerMessage(3005, LogLevel.Warning, "Query {QueryId} from {RequesterId} refused without running: its deadline {Deadline:O} has passed")]
    public static partial void QueryExpired(ILogger logger, string queryId, string requesterId, DateTimeOffset deadline);

    [LoggerMessage(3006, LogLevel.Information, "Query {QueryId} {Outcome} in {ElapsedMs} ms")]
    public static partial void QueryDone(ILogger logger, string queryId, string outcome, long elapsedMs);

    [LoggerMessage(3007, LogLevel.Information, "Query {QueryId} was answered before; re-sending the stored result, not running it again")]
    public static partial void QueryRedelivered(ILogger logger, string queryId);

    [LoggerMessage(3008, LogLevel.Information, "Re-sending {Count} result(s) the hub has not acknowledged")]
    public static partial void OutboxResent(ILogger logger, int count);

    [LoggerMessage(3009, LogLevel.Debug, "Hub acknowledged the result of query {QueryId}")]
    public static partial void ResultAcked(ILogger logger, string queryId);

    [LoggerMessage(3010, LogLevel.Error, "Query {QueryId} failed; answered as refused (internal)")]
    public static partial void QueryFailed(ILogger logger, Exception exception, string queryId);

    [LoggerMessage(3011, LogLevel.Debug, "Heartbeat sent (spool depth {SpoolDepth}, {Instances} instances indexed)")]
    public static partial void HeartbeatSent(ILogger logger, long spoolDepth, long instances);

    [LoggerMessage(3012, LogLevel.Warning, "Query {QueryId} is malformed ({Reason}); refused")]
    public static partial void QueryMalformed(ILogger logger, string queryId, string reason);

    [LoggerMessage(3013, LogLevel.Information, "Hub link stopped")]
    public static partial void LinkStopped(ILogger logger);

    [LoggerMessage(3014, LogLevel.Debug, "Query {QueryId} is running already; the re-delivered request is ignored")]
    public static partial void QueryInFlight(ILogger logger, string queryId);

    [LoggerMessage(3015, LogLevel.Information, "Pruned {Count} acknowledged result(s) older than 30 days from the outbox")]
    public static partial void OutboxPruned(ILogger logger, int count);
}
