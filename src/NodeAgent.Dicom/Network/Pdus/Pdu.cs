namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// One DICOM Upper Layer PDU (PS3.8 §9.3): read with <see cref="PduReader"/>, written with <see cref="PduWriter"/>.
/// The seven kinds are <see cref="AssociateRequest"/>, <see cref="AssociateAccept"/>, <see cref="AssociateReject"/>,
/// <see cref="DataTransfer"/>, <see cref="ReleaseRequest"/>, <see cref="ReleaseResponse"/> and <see cref="Abort"/>.
/// </summary>
public abstract record Pdu
{
    /// <summary>The PDU-type byte of this PDU.</summary>
    public abstract PduType Type { get; }
}
