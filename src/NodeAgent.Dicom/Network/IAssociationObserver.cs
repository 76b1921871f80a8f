namespace NodeAgent.Dicom.Network;

/// <summary>
/// Told about associations as they start and end, for metrics, traces and health. Must neither block nor throw.
/// Both calls are made on the association's own execution flow, in the order connected, then ended, exactly once
/// each per accepted connection: ambient state set in <see cref="OnConnected"/> (such as the current
/// <see cref="System.Diagnostics.Activity"/>) is therefore in effect for the store handler's calls on that
/// association.
/// </summary>
public interface IAssociationObserver
{
    /// <summary>A connection was accepted and an association may follow.</summary>
    void OnConnected();

    /// <summary>An association ended, however it ended (released, rejected, aborted, the connection failed).</summary>
    void OnEnded(AssociationSummary summary);
}
