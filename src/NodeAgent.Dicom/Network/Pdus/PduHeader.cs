namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The 6-byte PDU header as read: PDU-type and PDU-length (PS3.8 §9.3). It names the PDU in every fault.</summary>
internal readonly record struct PduHeader(PduType Type, uint Length)
{
    public PduException Fault(AbortReason reason, string message) => new(reason, Type, Length, message);
}
