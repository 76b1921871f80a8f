using System.Buffers.Binary;
using NodeAgent.Dicom.IO;

namespace NodeAgent.Core.Spool;

/// <summary>
/// Follows a Pixel Data value as its bytes arrive, to know where it ends: after its length for native pixel data, at
/// the sequence delimiter for encapsulated pixel data (PS3.5 §A.4: fragment items of defined length, then
/// (FFFE,E0DD)). Anything else where an item header belongs makes it <see cref="Malformed"/>.
/// </summary>
internal sealed class PixelDataTracker
{
    private const int ItemHeaderLength = 8;

    private readonly bool _encapsulated;
    private readonly byte[] _itemHeader = new byte[ItemHeaderLength];
    private int _itemHeaderFill;

    // Bytes of the current value (native) or fragment (encapsulated) still to come.
    private long _remaining;

    public PixelDataTracker(uint valueLength)
    {
        _encapsulated = valueLength == DatasetHead.UndefinedLength;
        _remaining = _encapsulated ? 0 : valueLength;
        Complete = !_encapsulated && valueLength == 0;
    }

    /// <summary>The whole value has arrived.</summary>
    public bool Complete { get; private set; }

    /// <summary>The encapsulated value broke PS3.5 §A.4; nothing after that point was taken.</summary>
    public bool Malformed { get; private set; }

    /// <summary>Takes bytes of the value; returns how many belong to it (fewer once it is complete or malformed).</summary>
    public int Accept(ReadOnlySpan<byte> bytes)
    {
        var taken = 0;
        while (taken < bytes.Length && !Complete && !Malformed)
        {
            if (_remaining > 0)
            {
                var step = (int)Math.Min(_remaining, bytes.Length - taken);
                _remaining -= step;
                taken += step;
                Complete = !_encapsulated && _remaining == 0;
                continue;
            }

            var step2 = Math.Min(ItemHeaderLength - _itemHeaderFill, bytes.Length - taken);
            bytes.Slice(taken, step2).CopyTo(_itemHeader.AsSpan(_itemHeaderFill));
            _itemHeaderFill += step2;
            if (_itemHeaderFill < ItemHeaderLength)
            {
                // The fill is kept: the header's remaining bytes come with the next call.
                taken += step2;
                break;
            }

            _itemHeaderFill = 0;
            if (!StartItem())
            {
                // The header is not taken: it stays for whoever reads the rest of the data set.
                Malformed = true;
                break;
            }

            taken += step2;
        }

        return taken;
    }

    private bool StartItem()
    {
        var group = BinaryPrimitives.ReadUInt16LittleEndian(_itemHeader);
        var element = BinaryPrimitives.ReadUInt16LittleEndian(_itemHeader.AsSpan(2));
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_itemHeader.AsSpan(4));
        if (group != 0xFFFE)
        {
            return false;
        }

        if (element == 0xE0DD)
        {
            Complete = length == 0;
            return Complete;
        }

        if (element != 0xE000 || length == DatasetHead.UndefinedLength)
        {
            return false;
        }

        _remaining = length;
        return true;
    }
}
