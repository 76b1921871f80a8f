namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>A-RELEASE-RQ (PS3.8 §9.3.6): four reserved bytes.</summary>
public sealed record ReleaseRequest : Pdu
{
    /// <inheritdoc/>
    public override PduType Type => PduType.ReleaseRequest;
}
