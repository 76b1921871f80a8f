namespace NodeAgent.Dicom.Network;

/// <summary>Told about associations as they start and end, for metrics and health. Must not block.</summary>
public interface IAssociationObserver
{
    /// <summary>A connection was accepted and an association may follow.</summary>
    void OnConnected();

    /// <summary>An association ended, however it ended (released, rejected, aborted).</summary>
    void OnEnded(AssociationSummary summary);
}
