using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>Our own listener as a peer, keeping each received data set's bytes in memory.</summary>
internal sealed class ServerPeer : IAsyncDisposable, IStoreHandler
{
    public const string AeTitle = "NODEAGENT-SCP";

    private readonly DicomServer _server;

    private ServerPeer(DicomServerOptions options)
    {
        _server = new DicomServer(options, this, NullLogger.Instance);
    }

    public ConcurrentQueue<(StoreRequestContext Context, byte[] DataSet)> Received { get; } = new();

    public IPEndPoint EndPoint => _server.EndPoint!;

    public IPEndPoint TlsEndPoint => _server.TlsEndPoint!;

    public static async Task<ServerPeer> StartAsync(DicomServerOptions? options = null)
    {
        var peer = new ServerPeer((options ?? new DicomServerOptions()) with { AeTitle = AeTitle, Port = 0 });
        await peer._server.StartAsync(CancellationToken.None);
        return peer;
    }

    public ValueTask<StoreStart> BeginAsync(StoreRequestContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StoreStart.Accept(new MemorySink(this, context)));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed class MemorySink(ServerPeer owner, StoreRequestContext context) : IStoreSink
    {
        private readonly MemoryStream _data = new();

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
        {
            _data.Write(fragment.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<StoreResult> CompleteAsync(CancellationToken cancellationToken)
        {
            owner.Received.Enqueue((context, _data.ToArray()));
            return ValueTask.FromResult(StoreResult.Success);
        }

        public ValueTask DisposeAsync()
        {
            _data.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
