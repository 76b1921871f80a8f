using System.Collections.Concurrent;
using System.Threading.Channels;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>Records the associations a listener reports as ended, so a test can wait for the server side to finish.</summary>
internal sealed class AssociationRecorder : IAssociationObserver
{
    private readonly Channel<AssociationSummary> _ended = Channel.CreateUnbounded<AssociationSummary>();
    private readonly ConcurrentQueue<AssociationSummary> _all = new();
    private int _connected;

    /// <summary>Connections accepted so far.</summary>
    public int Connected => Volatile.Read(ref _connected);

    /// <summary>Every association ended so far, in order.</summary>
    public IReadOnlyList<AssociationSummary> Ended => [.. _all];

    public void OnConnected() => Interlocked.Increment(ref _connected);

    public void OnEnded(AssociationSummary summary)
    {
        _all.Enqueue(summary);
        _ended.Writer.TryWrite(summary);
    }

    /// <summary>The next association to end that this method has not returned yet.</summary>
    /// <exception cref="TimeoutException">None ended within <paramref name="timeout"/>.</exception>
    public async Task<AssociationSummary> NextEndedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _ended.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"No association ended within {timeout.TotalSeconds:0.#} s.");
        }
    }
}
