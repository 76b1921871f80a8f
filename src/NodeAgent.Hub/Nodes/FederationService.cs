using Grpc.Core;
using NodeAgent.Federation.Contract;
using NodeAgent.Hub.Queries;

namespace NodeAgent.Hub.Nodes;

/// <summary>
/// The endpoint nodes dial: admits the node by its client certificate (allow-list), registers its Hello, then
/// relays the hub's messages to it and its heartbeats and results to the registry and the coordinator.
/// </summary>
internal sealed class FederationService(
    NodeAdmission admission,
    NodeRegistry registry,
    QueryCoordinator coordinator,
    ILogger<FederationService> logger) : NodeAgent.Federation.Contract.Federation.FederationBase
{
    private const int MaxNodeIdLength = 128;

    /// <summary>An admitted stream that says nothing for this long is closed.</summary>
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);

    public override async Task Connect(IAsyncStreamReader<NodeMessage> requestStream, IServerStreamWriter<HubMessage> responseStream, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var remote = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var certificate = http.Connection.ClientCertificate;
        if (certificate is null || !admission.IsAllowed(certificate))
        {
            HubLog.NodeRefused(logger, remote, "certificate not on the allow-list", certificate?.Subject ?? "(none)", certificate is null ? "" : NodeAdmission.Sha256(certificate));
            throw new RpcException(new Status(StatusCode.PermissionDenied, "this node's certificate is not on the hub's allow-list"));
        }

        // Headers now: the node counts itself connected once it has them.
        await context.WriteResponseHeadersAsync([]);
        using var helloLimit = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        helloLimit.CancelAfter(HelloTimeout);
        if (!await requestStream.MoveNext(helloLimit.Token) || requestStream.Current.KindCase != NodeMessage.KindOneofCase.Hello)
        {
            HubLog.ProtocolViolation(logger, remote, "the first message was not Hello");
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message of a stream must be Hello"));
        }

        var hello = requestStream.Current.Hello;
        if (string.IsNullOrWhiteSpace(hello.NodeId) || hello.NodeId.Length > MaxNodeIdLength)
        {
            HubLog.ProtocolViolation(logger, remote, "Hello without a usable node id");
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Hello needs a node id of 1 to {MaxNodeIdLength} characters"));
        }

        using var connection = registry.Connect(hello, certificate.Subject, out var replaced);
        if (connection is null)
        {
            HubLog.NodeRefused(logger, remote, $"node id '{hello.NodeId}' belongs to another certificate", certificate.Subject, NodeAdmission.Sha256(certificate));
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"the node id '{hello.NodeId}' is registered to another certificate"));
        }

        if (replaced)
        {
            HubLog.NodeReplaced(logger, hello.NodeId);
        }

        HubLog.NodeConnected(logger, hello.NodeId, remote, hello.SoftwareVersion, hello.PolicyHash, hello.Index?.Instances ?? 0);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, connection.Closed);
        var writer = WriteAsync(connection, responseStream, stream.Token);
        try
        {
            while (await requestStream.MoveNext(stream.Token))
            {
                OnMessage(connection, requestStream.Current);
            }
        }
        catch (OperationCanceledException) when (stream.IsCancellationRequested)
        {
            // The node went away, or connected again on a new stream.
        }
        catch (IOException)
        {
            // The connection dropped under the stream.
        }
        finally
        {
            registry.Disconnect(connection);
            await writer;
            HubLog.NodeDisconnected(logger, hello.NodeId);
        }
    }

    private void OnMessage(NodeConnection connection, NodeMessage message)
    {
        switch (message.KindCase)
        {
            case NodeMessage.KindOneofCase.Heartbeat:
                registry.Heartbeat(connection.NodeId, message.Heartbeat);
                break;
            case NodeMessage.KindOneofCase.QueryResult:
                registry.Seen(connection.NodeId);
                coordinator.OnResult(connection.NodeId, message.QueryResult);
                // Always acknowledged, late or not: the node may then drop it from its outbox.
                connection.TrySend(new HubMessage { Ack = new Ack { QueryId = message.QueryResult.QueryId } });
                break;
            default:
                registry.Seen(connection.NodeId);
                break;
        }
    }

    private static async Task WriteAsync(NodeConnection connection, IServerStreamWriter<HubMessage> responseStream, CancellationToken token)
    {
        try
        {
            await foreach (var message in connection.Outgoing.ReadAllAsync(token))
            {
                await responseStream.WriteAsync(message, token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream ended; the reader's side reports it.
        }
    }
}
