namespace NodeAgent.Hub;

/// <summary>
/// The reference hub's log messages, event ids 3100–3199. They carry node ids, certificate subjects and thumbprints,
/// query ids, requester ids and counts.
/// </summary>
internal static partial class HubLog
{
    [LoggerMessage(3100, LogLevel.Information, "Hub listening for nodes on {GrpcEndpoint}, admin on http://{AdminEndpoint}")]
    public static partial void Listening(ILogger logger, string grpcEndpoint, string adminEndpoint);

    [LoggerMessage(3101, LogLevel.Warning, "Node connection from {Remote} refused: {Reason} (certificate {Subject}, SHA-256 {Thumbprint})")]
    public static partial void NodeRefused(ILogger logger, string remote, string reason, string subject, string thumbprint);

    [LoggerMessage(3102, LogLevel.Information, "Node {NodeId} connected from {Remote} (version {Version}, policy {PolicyHash}, {Instances} instances)")]
    public static partial void NodeConnected(ILogger logger, string nodeId, string remote, string version, string policyHash, long instances);

    [LoggerMessage(3103, LogLevel.Information, "Node {NodeId} disconnected")]
    public static partial void NodeDisconnected(ILogger logger, string nodeId);

    [LoggerMessage(3104, LogLevel.Information, "Query {QueryId} from {RequesterId} sent to {Count} node(s), deadline {Deadline:O}")]
    public static partial void QueryDispatched(ILogger logger, string queryId, string requesterId, int count, DateTimeOffset deadline);

    [LoggerMessage(3105, LogLevel.Information, "Query {QueryId}: node {NodeId} {Outcome}")]
    public static partial void QueryResult(ILogger logger, string queryId, string nodeId, string outcome);

    [LoggerMessage(3106, LogLevel.Information, "Query {QueryId} finished: {Answered} answered, {Refused} refused, {TimedOut} timed out")]
    public static partial void QueryFinished(ILogger logger, string queryId, int answered, int refused, int timedOut);

    [LoggerMessage(3107, LogLevel.Warning, "Node stream from {Remote} closed: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, string remote, string reason);

    [LoggerMessage(3108, LogLevel.Information, "Node {NodeId} connected again; its previous stream is closed")]
    public static partial void NodeReplaced(ILogger logger, string nodeId);

    [LoggerMessage(3109, LogLevel.Information, "Query {QueryId} re-sent to node {NodeId} after it reconnected")]
    public static partial void QueryRedelivered(ILogger logger, string queryId, string nodeId);

    [LoggerMessage(3110, LogLevel.Information, "Result of query {QueryId} from node {NodeId} arrived after the query finished; acknowledged and dropped")]
    public static partial void LateResult(ILogger logger, string queryId, string nodeId);

    [LoggerMessage(3111, LogLevel.Warning, "Admin request from {Remote} refused: the admin endpoint serves loopback only")]
    public static partial void AdminRefused(ILogger logger, string remote);
}
