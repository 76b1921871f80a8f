namespace NodeAgent.Dicom.Network;

/// <summary>
/// Where one C-STORE data set goes. Disposing a sink that was not completed means the data set never
/// arrived whole (the peer aborted, the connection dropped): whatever it wrote must be removed.
/// </summary>
public interface IStoreSink : IAsyncDisposable
{
    /// <summary>Takes the next fragment of the data set, in the presentation context's transfer syntax.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken);

    /// <summary>
    /// The whole data set has arrived: validate it, make it durable, and return the status to send.
    /// Success may only be returned once the instance cannot be lost (PS3.4 B.2.3; DESIGN decision 2).
    /// </summary>
    ValueTask<StoreResult> CompleteAsync(CancellationToken cancellationToken);
}
