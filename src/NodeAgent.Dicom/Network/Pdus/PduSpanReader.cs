using System.Buffers.Binary;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// Reads the fields of one PDU body, or of one item within it, never past its end. Every overrun becomes a
/// <see cref="PduException"/> (invalid-PDU-parameter-value) that names the field, its offset from the start of the PDU
/// and the enclosing scope, so lengths from the wire are only ever used after this check.
/// </summary>
internal ref struct PduSpanReader
{
    private readonly ReadOnlySpan<byte> _span;
    private readonly int _origin;

    // What this reader covers, for messages only: the text is built when a message needs it, not per item read.
    private readonly string? _name;
    private readonly byte _itemType;
    private readonly int _start;
    private int _position;

    /// <summary>A reader over a whole PDU body.</summary>
    /// <param name="body">The bytes after the 6-byte header.</param>
    /// <param name="header">The PDU being read, for messages.</param>
    public PduSpanReader(ReadOnlySpan<byte> body, PduHeader header)
        : this(body, PduLimits.HeaderLength, header, "PDU", 0, -1)
    {
    }

    private PduSpanReader(ReadOnlySpan<byte> span, int origin, PduHeader header, string? name, byte itemType, int start)
    {
        _span = span;
        _origin = origin;
        _name = name;
        _itemType = itemType;
        _start = start;
        Header = header;
    }

    public PduHeader Header { get; }

    /// <summary>What this reader reads, with its offset: "Presentation Context item (RQ) (20H) at offset 74".</summary>
    public readonly string Scope => (_name, _start) switch
    {
        (null, _) => $"{ItemType.Name(_itemType)} ({_itemType:X2}H) at offset {_start}",
        (_, < 0) => _name,
        _ => $"{_name} at offset {_start}",
    };

    public readonly int Remaining => _span.Length - _position;

    public readonly bool IsEmpty => _position == _span.Length;

    /// <summary>The offset of the next byte from the first byte of the PDU.</summary>
    public readonly int Offset => _origin + _position;

    public byte ReadByte(string field)
    {
        Need(1, field);
        return _span[_position++];
    }

    public ushort ReadUInt16(string field)
    {
        Need(2, field);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_span[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32(string field)
    {
        Need(4, field);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_span[_position..]);
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string field)
    {
        Need(count, field);
        var value = _span.Slice(_position, count);
        _position += count;
        return value;
    }

    public void Skip(int count, string field) => ReadBytes(count, field);

    /// <summary>Reads a field preceded by its 16-bit length, as the sub-items of PS3.7 Annex D encode UIDs and identities.</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed(string field) => ReadBytes(ReadUInt16(field), field);

    /// <summary>The bytes not read yet, consuming them.</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _span[_position..];
        _position = _span.Length;
        return rest;
    }

    /// <summary>
    /// Reads an item header (item-type, reserved, 16-bit item-length) and returns a reader over the item's value,
    /// after checking that the value lies inside this scope.
    /// </summary>
    public PduSpanReader ReadItem(out byte itemType)
    {
        if (Remaining < 4)
        {
            throw Invalid($"The item lengths do not add up to the length of the {Scope}: {Remaining} byte(s) remain at offset {Offset}, too few for an item header");
        }

        var start = Offset;
        itemType = _span[_position];
        var length = BinaryPrimitives.ReadUInt16BigEndian(_span[(_position + 2)..]);
        _position += 4;
        if (length > Remaining)
        {
            throw Invalid($"The {ItemType.Name(itemType)} ({itemType:X2}H) at offset {start} declares Item-length {length}, but only {Remaining} byte(s) remain in the {Scope}");
        }

        var value = new PduSpanReader(_span.Slice(_position, length), Offset, Header, null, itemType, start);
        _position += length;
        return value;
    }

    /// <summary>Reads <paramref name="count"/> bytes as a nested scope (a list inside a sub-item).</summary>
    public PduSpanReader ReadScope(int count, string field)
    {
        var origin = Offset;
        return new PduSpanReader(ReadBytes(count, field), origin, Header, field, 0, origin);
    }

    /// <summary>Throws unless the scope has been read to its end (a fixed-layout item whose length says more than its fields).</summary>
    public readonly void ExpectEnd()
    {
        if (!IsEmpty)
        {
            throw Invalid($"{Remaining} byte(s) at offset {Offset} follow the last field of the {Scope}");
        }
    }

    public readonly PduException Invalid(string message) => Header.Fault(AbortReason.InvalidPduParameterValue, message);

    public readonly PduException Unexpected(string message) => Header.Fault(AbortReason.UnexpectedPduParameter, message);

    private readonly void Need(int count, string field)
    {
        if (count > Remaining)
        {
            throw Invalid($"The {field} needs {count} byte(s) at offset {Offset}, but only {Remaining} remain in the {Scope}");
        }
    }
}
