using System.Buffers.Binary;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// Writes PDU fields big-endian (PS3.8 §9.3) into a span, or only counts them: the same encoding code first measures a PDU
/// (to rent a buffer of the right size) and then writes it. Lengths are patched in when an item or PDU ends.
/// </summary>
internal ref struct PduSpanWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _measuring;
    private int _position;

    public PduSpanWriter(Span<byte> buffer)
    {
        _buffer = buffer;
    }

    private PduSpanWriter(bool measuring)
    {
        _measuring = measuring;
    }

    /// <summary>The bytes written (or counted) so far.</summary>
    public readonly int Position => _position;

    /// <summary>A writer that only counts.</summary>
    public static PduSpanWriter Measure() => new(measuring: true);

    // Each write advances first; when measuring, Advance returns an empty span and nothing is stored.
    public void WriteByte(byte value)
    {
        var target = Advance(1);
        if (!target.IsEmpty)
        {
            target[0] = value;
        }
    }

    public void WriteUInt16(ushort value)
    {
        var target = Advance(2);
        if (!target.IsEmpty)
        {
            BinaryPrimitives.WriteUInt16BigEndian(target, value);
        }
    }

    public void WriteUInt32(uint value)
    {
        var target = Advance(4);
        if (!target.IsEmpty)
        {
            BinaryPrimitives.WriteUInt32BigEndian(target, value);
        }
    }

    public void WriteZeros(int count) => Advance(count).Clear();

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        var target = Advance(value.Length);
        if (!target.IsEmpty)
        {
            value.CopyTo(target);
        }
    }

    /// <summary>Writes characters already checked to be ASCII, one byte each.</summary>
    public void WriteAscii(string value)
    {
        var target = Advance(value.Length);
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (byte)value[i];
        }
    }

    /// <summary>Writes an ASCII value padded with spaces to <paramref name="width"/> bytes (AE titles, PS3.8 Table 9-11).</summary>
    public void WritePadded(string value, int width)
    {
        var target = Advance(width);
        target.Fill((byte)' ');
        for (var i = 0; i < value.Length && i < target.Length; i++)
        {
            target[i] = (byte)value[i];
        }
    }

    /// <summary>Writes a 16-bit length and then the ASCII value (the UID fields of PS3.7 Annex D sub-items).</summary>
    public void WriteLengthPrefixed(string value)
    {
        WriteUInt16((ushort)value.Length);
        WriteAscii(value);
    }

    /// <summary>Writes a 16-bit length and then the bytes; throws when they do not fit a 16-bit length.</summary>
    public void WriteLengthPrefixed(ReadOnlySpan<byte> value, string field)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"The {field} is {value.Length} bytes; its 16-bit length field holds at most {ushort.MaxValue}.");
        }

        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    /// <summary>Starts an item (item-type, reserved, 16-bit item-length); returns where the length goes.</summary>
    public int BeginItem(byte itemType, byte secondByte = 0)
    {
        WriteByte(itemType);
        WriteByte(secondByte);
        var lengthAt = _position;
        WriteUInt16(0);
        return lengthAt;
    }

    /// <summary>Ends an item, writing its length; throws when the value does not fit a 16-bit item-length.</summary>
    public void EndItem(int lengthAt, string item)
    {
        var length = _position - lengthAt - 2;
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"The {item} would be {length} bytes; an item holds at most {ushort.MaxValue}.");
        }

        if (!_measuring)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[lengthAt..], (ushort)length);
        }
    }

    /// <summary>Overwrites a 16-bit value written earlier (a length known only after what follows it).</summary>
    public readonly void PatchUInt16(int at, ushort value)
    {
        if (!_measuring)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[at..], value);
        }
    }

    /// <summary>Starts a PDU (PDU-type, reserved, 32-bit PDU-length); returns where the length goes.</summary>
    public int BeginPdu(PduType type)
    {
        WriteByte((byte)type);
        WriteByte(0);
        var lengthAt = _position;
        WriteUInt32(0);
        return lengthAt;
    }

    /// <summary>Ends a PDU, writing its PDU-length (the bytes after the 6-byte header).</summary>
    public void EndPdu(int lengthAt)
    {
        if (!_measuring)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[lengthAt..], (uint)(_position - lengthAt - 4));
        }
    }

    private Span<byte> Advance(int count)
    {
        var start = _position;
        _position = checked(_position + count);
        return _measuring ? Span<byte>.Empty : _buffer.Slice(start, count);
    }
}
