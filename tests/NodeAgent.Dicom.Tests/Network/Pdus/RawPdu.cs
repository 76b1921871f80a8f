using System.Buffers.Binary;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>Byte surgery on encoded PDUs, keeping (or deliberately breaking) the PDU-length.</summary>
internal static class RawPdu
{
    /// <summary>Inserts <paramref name="item"/> at <paramref name="offset"/> and grows the PDU-length to match.</summary>
    public static byte[] InsertItem(byte[] pdu, int offset, byte[] item)
    {
        byte[] result = [.. pdu.AsSpan(0, offset), .. item, .. pdu.AsSpan(offset)];
        SetPduLength(result, BinaryPrimitives.ReadUInt32BigEndian(pdu.AsSpan(2)) + (uint)item.Length);
        return result;
    }

    public static void SetPduLength(byte[] pdu, uint length) => BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), length);

    public static void SetUInt16(byte[] pdu, int offset, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(offset), value);

    /// <summary>The offset of the first item of <paramref name="type"/> at or after <paramref name="start"/>, walking 4-byte item headers.</summary>
    public static int FindItem(byte[] pdu, byte type, int start = 6 + 68)
    {
        for (var offset = start; offset + 4 <= pdu.Length;)
        {
            if (pdu[offset] == type)
            {
                return offset;
            }

            offset += 4 + BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(offset + 2));
        }

        throw new InvalidOperationException($"No item {type:X2}H after offset {start}.");
    }
}
