using System.Threading.Channels;
using NodeAgent.Federation.Contract;

namespace NodeAgent.Hub.Nodes;

/// <summary>One node's open stream: what the hub wants to send it waits in a bounded queue the stream's writer drains.</summary>
internal sealed class NodeConnection(string nodeId) : IDisposable
{
    private readonly Channel<HubMessage> _outgoing = Channel.CreateBounded<HubMessage>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly CancellationTokenSource _closed = new();

    public string NodeId { get; } = nodeId;

    public ChannelReader<HubMessage> Outgoing => _outgoing.Reader;

    /// <summary>Cancelled when another stream of the same node replaces this one, or the hub stops.</summary>
    public CancellationToken Closed => _closed.Token;

    public bool TrySend(HubMessage message) => _outgoing.Writer.TryWrite(message);

    public void Close()
    {
        _outgoing.Writer.TryComplete();
        _closed.Cancel();
    }

    public void Dispose() => _closed.Dispose();
}
