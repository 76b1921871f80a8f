using System.Buffers.Binary;
using System.Text;

namespace NodeAgent.Dicom.Tests.Support;

/// <summary>Builds encoded bytes by hand, for inputs no well-behaved writer would produce.</summary>
internal sealed class RawDicom
{
    private readonly List<byte> _bytes = [];

    public long Length => _bytes.Count;

    public static RawDicom Part10(string transferSyntaxUid)
    {
        var raw = new RawDicom();
        raw.Bytes(new byte[128]).Bytes("DICM"u8.ToArray());
        var uid = Encoding.ASCII.GetBytes(transferSyntaxUid.Length % 2 == 1 ? transferSyntaxUid + "\0" : transferSyntaxUid);
        raw.Explicit(0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)(8 + uid.Length)));
        raw.Explicit(0x0002, 0x0010, "UI", uid);
        return raw;
    }

    public RawDicom Bytes(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public RawDicom Tag(ushort group, ushort element)
    {
        Span<byte> tag = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(tag, group);
        BinaryPrimitives.WriteUInt16LittleEndian(tag[2..], element);
        _bytes.AddRange(tag);
        return this;
    }

    public RawDicom UInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        _bytes.AddRange(bytes);
        return this;
    }

    public RawDicom UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>An explicit VR little endian element with the right header form for its VR.</summary>
    public RawDicom Explicit(ushort group, ushort element, string vr, byte[] value, uint? length = null)
    {
        Tag(group, element).Bytes(Encoding.ASCII.GetBytes(vr));
        if (vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "UC" or "UN" or "UR" or "UT" or "SV" or "UV")
        {
            UInt16(0).UInt32(length ?? (uint)value.Length);
        }
        else
        {
            UInt16((ushort)(length ?? (uint)value.Length));
        }

        return Bytes(value);
    }

    public RawDicom Text(ushort group, ushort element, string vr, string value) =>
        Explicit(group, element, vr, Encoding.ASCII.GetBytes(value));

    public byte[] ToArray() => [.. _bytes];

    public MemoryStream ToStream() => new(ToArray(), writable: false);
}
