namespace NodeAgent.Dicom.Network;

/// <summary>
/// Receives C-STORE data sets. The listener streams each data set's bytes into the sink the handler returns,
/// fragment by fragment as PDVs arrive, so no instance is ever held whole in memory.
/// </summary>
public interface IStoreHandler
{
    /// <summary>
    /// Called when a C-STORE-RQ command has arrived and its data set is about to. Return a sink to receive
    /// it, or a refusal (e.g. out of resources): the data set is then read and discarded, and the refusal sent.
    /// </summary>
    ValueTask<StoreStart> BeginAsync(StoreRequestContext context, CancellationToken cancellationToken);
}
