using Grpc.Core;
using NodeAgent.Federation.Contract;

namespace NodeAgent.Federation.Link;

/// <summary>One open stream to the hub. Writes are serialised (a gRPC request stream takes one write at a time).</summary>
internal sealed class HubSession(AsyncDuplexStreamingCall<NodeMessage, HubMessage> call) : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile bool _closed;

    public IAsyncStreamReader<HubMessage> Responses => call.ResponseStream;

    /// <summary>Completes when the hub has admitted the stream (sent its headers); throws its refusal otherwise.</summary>
    public Task<Metadata> ResponseHeadersAsync() => call.ResponseHeadersAsync;

    /// <summary>Writes a message; a failure is the session's failure and propagates.</summary>
    public async Task SendAsync(NodeMessage message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Writes a message when the session is still open; false when it is not (the message then waits in the outbox or
    /// is simply lost, as a heartbeat may be). The reader notices a dead stream and ends the session.
    /// </summary>
    public async Task<bool> TrySendAsync(NodeMessage message, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return false;
        }

        try
        {
            await SendAsync(message, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // InvalidOperationException: the call completed under us ("can't write the message because the call is complete").
            return false;
        }
    }

    public void Dispose()
    {
        _closed = true;
        call.Dispose();
    }
}
