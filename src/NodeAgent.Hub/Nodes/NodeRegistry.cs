using NodeAgent.Federation.Contract;

namespace NodeAgent.Hub.Nodes;

/// <summary>The nodes the hub has seen: connected or not, last heartbeat, health, policy hash.</summary>
public sealed class NodeRegistry(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeRecord> _nodes = new(StringComparer.Ordinal);

    /// <summary>Raised when a node's Hello has been registered (with its node id).</summary>
    public event EventHandler<string>? NodeConnected;

    /// <summary>Raised on every heartbeat (with the node id), for tests and operators watching.</summary>
    public event EventHandler<string>? HeartbeatReceived;

    /// <summary>Every node ever seen, by node id.</summary>
    public IReadOnlyList<NodeView> Nodes()
    {
        lock (_lock)
        {
            return [.. _nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal).Select(n => n.View())];
        }
    }

    /// <summary>The ids of the nodes connected now.</summary>
    public IReadOnlyList<string> ConnectedNodeIds()
    {
        lock (_lock)
        {
            return [.. _nodes.Values.Where(n => n.Connection is not null).Select(n => n.NodeId).OrderBy(n => n, StringComparer.Ordinal)];
        }
    }

    /// <summary>Queues a message for a connected node; false when it is not connected.</summary>
    public bool TrySend(string nodeId, HubMessage message)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(nodeId, out var node) && node.Connection is { } connection && connection.TrySend(message);
        }
    }

    /// <summary>Sends a Ping; the node answers with a heartbeat carrying the ping id.</summary>
    public bool Ping(string nodeId, string pingId) => TrySend(nodeId, new HubMessage { Ping = new Ping { PingId = pingId } });

    /// <summary>Closes every node's stream (the hub is stopping: long-lived streams would hold up a graceful stop).</summary>
    internal void CloseAll()
    {
        List<NodeConnection> open;
        lock (_lock)
        {
            open = [.. _nodes.Values.Select(n => n.Connection).OfType<NodeConnection>()];
        }

        foreach (var connection in open)
        {
            connection.Close();
        }
    }

    /// <summary>
    /// Registers a node's stream; null when the node id is held by another certificate (a node cannot take over
    /// another's name). A second stream of the same node replaces the first (the node restarted).
    /// </summary>
    internal NodeConnection? Connect(Hello hello, string certificateSubject, out bool replaced)
    {
        var connection = new NodeConnection(hello.NodeId);
        NodeConnection? previous;
        lock (_lock)
        {
            if (!_nodes.TryGetValue(hello.NodeId, out var node))
            {
                node = new NodeRecord(hello.NodeId);
                _nodes.Add(hello.NodeId, node);
            }
            else if (!string.Equals(node.CertificateSubject, certificateSubject, StringComparison.Ordinal))
            {
                replaced = false;
                connection.Dispose();
                return null;
            }

            previous = node.Connection;
            node.Connection = connection;
            node.Hello = hello;
            node.CertificateSubject = certificateSubject;
            node.ConnectedSince = node.LastSeen = time.GetUtcNow();
        }

        previous?.Close();
        replaced = previous is not null;
        NodeConnected?.Invoke(this, hello.NodeId);
        return connection;
    }

    internal void Disconnect(NodeConnection connection)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(connection.NodeId, out var node) && ReferenceEquals(node.Connection, connection))
            {
                node.Connection = null;
                node.ConnectedSince = null;
            }
        }

        connection.Close();
    }

    internal void Heartbeat(string nodeId, Heartbeat heartbeat)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(nodeId, out var node))
            {
                return;
            }

            node.LastSeen = node.LastHeartbeat = time.GetUtcNow();
            node.Health = heartbeat.Health ?? new NodeHealth();
            node.Heartbeats++;
        }

        HeartbeatReceived?.Invoke(this, nodeId);
    }

    internal void Seen(string nodeId)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(nodeId, out var node))
            {
                node.LastSeen = time.GetUtcNow();
            }
        }
    }
}
