using NodeAgent.Dicom.Network;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>A store handler that fails at a chosen step, as a full disk or a bug in a real handler would.</summary>
internal sealed class FaultyStoreHandler(StoreFault failAt) : IStoreHandler
{
    private int _disposed;

    /// <summary>Sinks disposed so far.</summary>
    public int Disposed => Volatile.Read(ref _disposed);

    public ValueTask<StoreStart> BeginAsync(StoreRequestContext context, CancellationToken cancellationToken) =>
        failAt == StoreFault.Begin
            ? throw new UnauthorizedAccessException("Access to the spool directory is denied.")
            : ValueTask.FromResult(StoreStart.Accept(new Sink(this, failAt)));

    private sealed class Sink(FaultyStoreHandler owner, StoreFault failAt) : IStoreSink
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken) =>
            failAt == StoreFault.Write ? throw new IOException("No space left on device") : ValueTask.CompletedTask;

        public ValueTask<StoreResult> CompleteAsync(CancellationToken cancellationToken) =>
            failAt == StoreFault.Complete ? throw new InvalidDataException("The data set does not parse.") : ValueTask.FromResult(StoreResult.Success);

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref owner._disposed);
            return ValueTask.CompletedTask;
        }
    }
}
