namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>A-RELEASE-RP (PS3.8 §9.3.7): four reserved bytes.</summary>
public sealed record ReleaseResponse : Pdu
{
    /// <inheritdoc/>
    public override PduType Type => PduType.ReleaseResponse;
}
