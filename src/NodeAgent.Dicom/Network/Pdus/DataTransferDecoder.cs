using System.Buffers.Binary;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Splits a P-DATA-TF body into its PDV items (PS3.8 §9.3.5.1) as slices of the body, without copying.</summary>
internal static class DataTransferDecoder
{
    public static List<PresentationDataValue> Decode(ReadOnlyMemory<byte> body, PduHeader header)
    {
        var span = body.Span;
        var values = new List<PresentationDataValue>(1);
        var position = 0;
        while (position < span.Length)
        {
            var offset = PduLimits.HeaderLength + position;
            var remaining = span.Length - position;
            if (remaining < PduLimits.PdvHeaderLength)
            {
                throw header.Fault(
                    AbortReason.InvalidPduParameterValue,
                    $"The PDV item lengths do not add up to the PDU-length: {remaining} byte(s) remain at offset {offset}, too few for a PDV item header ({PduLimits.PdvHeaderLength} bytes)");
            }

            // Item-length counts the context ID and the message control header, so it is at least 2.
            var itemLength = BinaryPrimitives.ReadUInt32BigEndian(span[position..]);
            if (itemLength < 2 || itemLength > (uint)(remaining - 4))
            {
                throw header.Fault(
                    AbortReason.InvalidPduParameterValue,
                    $"The PDV item at offset {offset} declares Item-length {itemLength}; it must be 2 to {remaining - 4}, the bytes left in the PDU");
            }

            var id = span[position + 4];
            if (!ContextId.IsValid(id))
            {
                throw header.Fault(
                    AbortReason.InvalidPduParameterValue,
                    $"Presentation-context-ID {id} of the PDV item at offset {offset} is not an odd integer between 1 and 255");
            }

            // Message control header (PS3.8 Annex E.2): bit 0 command, bit 1 last fragment; bits 2-7 are not tested.
            var control = span[position + 5];
            values.Add(new PresentationDataValue(id, (control & 1) != 0, (control & 2) != 0, body.Slice(position + 6, (int)itemLength - 2)));
            position += 4 + (int)itemLength;
        }

        return values;
    }
}
