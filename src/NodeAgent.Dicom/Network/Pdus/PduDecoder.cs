using System.Diagnostics;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Decodes a PDU body whose length <see cref="PduReader"/> has already checked against the limits for its type.</summary>
internal static class PduDecoder
{
    /// <summary>Decodes every PDU but P-DATA-TF (which keeps its buffer, see <see cref="DataTransferDecoder"/>).</summary>
    public static Pdu Decode(PduHeader header, ReadOnlySpan<byte> body) => header.Type switch
    {
        PduType.AssociateRequest => AssociateDecoder.DecodeRequest(body, header),
        PduType.AssociateAccept => AssociateDecoder.DecodeAccept(body, header),

        // Reserved, Result, Source, Reason/Diag (PS3.8 Table 9-21).
        PduType.AssociateReject => new AssociateReject((AssociateRejectResult)body[1], (AssociateRejectSource)body[2], body[3]),
        PduType.ReleaseRequest => new ReleaseRequest(),
        PduType.ReleaseResponse => new ReleaseResponse(),

        // Reserved, Reserved, Source, Reason/Diag (PS3.8 Table 9-26).
        PduType.Abort => new Abort((AbortSource)body[2], (AbortReason)body[3]),
        _ => throw new UnreachableException($"PDU type {header.Type} passed the length check but has no decoder."),
    };
}
