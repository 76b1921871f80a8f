using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NodeAgent.Dicom.IO;

/// <summary>Reverses the byte order of 2-, 4- or 8-byte units, for values read from Explicit VR Big Endian.</summary>
internal static class ByteSwap
{
    public static void InPlace(Span<byte> bytes, int unit)
    {
        var whole = bytes[..(bytes.Length - (bytes.Length % unit))];
        switch (unit)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(whole), MemoryMarshal.Cast<byte, ushort>(whole));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(whole), MemoryMarshal.Cast<byte, uint>(whole));
                break;
            case 8:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(whole), MemoryMarshal.Cast<byte, ulong>(whole));
                break;
        }
    }
}
