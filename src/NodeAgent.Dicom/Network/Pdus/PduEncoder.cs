namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Encodes any PDU through a <see cref="PduSpanWriter"/>, which either measures or writes.</summary>
internal static class PduEncoder
{
    public static void Write(ref PduSpanWriter writer, Pdu pdu)
    {
        switch (pdu)
        {
            case AssociateRequest request:
                AssociateEncoder.Write(ref writer, request);
                break;
            case AssociateAccept accept:
                AssociateEncoder.Write(ref writer, accept);
                break;
            case AssociateReject reject:
                WriteFixed(ref writer, PduType.AssociateReject, 0, (byte)reject.Result, (byte)reject.Source, reject.Reason);
                break;
            case DataTransfer data:
                WriteDataTransfer(ref writer, data);
                break;
            case ReleaseRequest:
                WriteFixed(ref writer, PduType.ReleaseRequest, 0, 0, 0, 0);
                break;
            case ReleaseResponse:
                WriteFixed(ref writer, PduType.ReleaseResponse, 0, 0, 0, 0);
                break;
            case Abort abort:
                WriteFixed(ref writer, PduType.Abort, 0, 0, (byte)abort.Source, (byte)abort.Reason);
                break;
            default:
                throw new ArgumentException($"{pdu.GetType().Name} is not one of the seven PDUs.", nameof(pdu));
        }
    }

    /// <summary>Writes the P-DATA-TF header and the header of its only PDV item (PS3.8 §9.3.5, Annex E.2).</summary>
    public static void WriteSingleFragmentHeader(ref PduSpanWriter writer, byte contextId, bool isCommand, bool isLast, int fragmentLength)
    {
        writer.WriteByte((byte)PduType.DataTransfer);
        writer.WriteByte(0);
        writer.WriteUInt32((uint)fragmentLength + PduLimits.PdvHeaderLength);
        WritePdvHeader(ref writer, contextId, isCommand, isLast, fragmentLength);
    }

    private static void WriteDataTransfer(ref PduSpanWriter writer, DataTransfer data)
    {
        if (data.Values.Count == 0)
        {
            throw new ArgumentException("A P-DATA-TF carries one or more presentation data values (PS3.8 §9.3.5).", nameof(data));
        }

        var lengthAt = writer.BeginPdu(PduType.DataTransfer);
        foreach (var value in data.Values)
        {
            ContextId.Check(value.PresentationContextId, nameof(data));
            WritePdvHeader(ref writer, value.PresentationContextId, value.IsCommand, value.IsLast, value.Data.Length);
            writer.WriteBytes(value.Data.Span);
        }

        writer.EndPdu(lengthAt);
    }

    private static void WritePdvHeader(ref PduSpanWriter writer, byte contextId, bool isCommand, bool isLast, int fragmentLength)
    {
        writer.WriteUInt32((uint)fragmentLength + 2);
        writer.WriteByte(contextId);
        writer.WriteByte((byte)((isCommand ? 1 : 0) | (isLast ? 2 : 0)));
    }

    private static void WriteFixed(ref PduSpanWriter writer, PduType type, byte first, byte second, byte third, byte fourth)
    {
        var lengthAt = writer.BeginPdu(type);
        writer.WriteByte(first);
        writer.WriteByte(second);
        writer.WriteByte(third);
        writer.WriteByte(fourth);
        writer.EndPdu(lengthAt);
    }
}
