using System.Buffers.Binary;
using NodeAgent.Dicom.Dictionary;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// Parses data set bodies (PS3.5 §7) from a <see cref="DicomByteReader"/>: elements, sequences to a bounded
/// depth, and encapsulated pixel data. Large values are not loaded: they become references into the source file
/// or spooled temporary files. Every length read from the input is checked before it is used.
/// </summary>
internal sealed class DicomDatasetReader(DicomByteReader input, DicomReaderOptions options, string? sourcePath, ReadWarnings warnings)
{
    private const uint UndefinedLength = 0xFFFF_FFFF;

    /// <summary>
    /// Reads elements into <paramref name="target"/> until <paramref name="end"/> (an absolute position), or,
    /// when <paramref name="end"/> is -1, until an item delimiter (inside an item) or the end of the data (top level).
    /// Stops before the first element <paramref name="stopBefore"/> selects.
    /// </summary>
    public void ReadDataset(DicomDataset target, EncodingRules rules, long end, int depth, Func<DicomTag, bool>? stopBefore = null)
    {
        var isItem = depth > 0;
        while (true)
        {
            if (end >= 0 && input.Position >= end)
            {
                if (input.Position > end)
                {
                    throw new DicomFormatException("An element runs past the end of its item", input.Position);
                }

                return;
            }

            if (input.AtEnd)
            {
                if (isItem)
                {
                    throw new DicomTruncatedException("The data ended inside a sequence item", input.Position);
                }

                return;
            }

            if (stopBefore is not null)
            {
                var peek = input.Peek(4);
                if (peek.Length == 4 && stopBefore(PeekTag(peek, rules)))
                {
                    return;
                }
            }

            var start = input.Position;
            var header = ReadHeader(rules, target);
            if (header.Tag == DicomTag.ItemDelimitation)
            {
                if (isItem && end < 0)
                {
                    return;
                }

                Tolerate("An item delimiter outside an item of undefined length was skipped", start, header.Tag);
                continue;
            }

            if (header.Tag == DicomTag.SequenceDelimitation)
            {
                throw new DicomFormatException("A sequence delimiter appears where no sequence is open", start, header.Tag);
            }

            if (header.Tag == DicomTag.Item)
            {
                throw new DicomFormatException("An item appears outside a sequence", start, header.Tag);
            }

            if (end >= 0 && header.Length != UndefinedLength && input.Position + header.Length > end)
            {
                throw new DicomFormatException(
                    $"A value of {header.Length} bytes runs past the end of its item ({end - input.Position} bytes left)", start, header.Tag);
            }

            var item = ReadValue(header, rules, depth, start);
            if (target.Contains(item.Tag))
            {
                Tolerate("A repeated element replaces the earlier one", start, item.Tag);
            }

            target.AddOrUpdate(item);
        }
    }

    private DicomItem ReadValue(ElementHeader header, EncodingRules rules, int depth, long start)
    {
        var (tag, vr, length) = header;
        if (vr == DicomVR.SQ)
        {
            return ReadSequence(tag, rules, length, depth);
        }

        if (length == UndefinedLength)
        {
            if (tag == DicomTags.PixelData || vr == DicomVR.OB || vr == DicomVR.OW)
            {
                return ReadFragments(tag, vr, rules);
            }

            // CP-246: a UN (or an unknown implicit element) of undefined length is a sequence in implicit VR LE.
            if (vr == DicomVR.UN)
            {
                return ReadSequence(tag, EncodingRules.ImplicitLittle, length, depth);
            }

            throw new DicomFormatException($"An undefined length is not allowed for VR {vr}", start, tag);
        }

        if (vr == DicomVR.UN && rules.ExplicitVR && !rules.BigEndian && options.ResolveUnknownVR && !tag.IsPrivate)
        {
            var known = DicomDictionary.Find(tag);
            if (known is { ValueRepresentations.Count: > 0 } && !known.ValueRepresentations.Contains(DicomVR.UN))
            {
                vr = known.ValueRepresentations.Contains(DicomVR.SQ) ? DicomVR.SQ : known.DefaultVR;
                if (vr == DicomVR.SQ)
                {
                    return ReadSequence(tag, EncodingRules.ImplicitLittle, length, depth);
                }
            }
        }

        if ((length & 1) == 1)
        {
            Tolerate($"Odd value length {length}", start, tag);
        }

        return new DicomElement(tag, vr, ReadBytes(tag, length, SwapUnitFor(vr, rules)));
    }

    private DicomSequence ReadSequence(DicomTag tag, EncodingRules rules, uint length, int depth)
    {
        if (depth + 1 > options.MaxNestingDepth)
        {
            throw new DicomLimitExceededException(
                $"Sequences nest deeper than the limit of {options.MaxNestingDepth}", input.Position, tag);
        }

        var end = length == UndefinedLength ? -1 : CheckedEnd(length, tag);
        var sequence = new DicomSequence(tag);
        while (true)
        {
            if (end >= 0 && input.Position >= end)
            {
                return sequence;
            }

            var start = input.Position;
            var itemTag = ReadTag(rules, tag);
            var itemLength = input.ReadUInt32(rules.BigEndian, tag);
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                if (end >= 0)
                {
                    Tolerate("A sequence delimiter inside a sequence of defined length ends it", start, tag);
                }

                return sequence;
            }

            if (itemTag != DicomTag.Item)
            {
                throw new DicomFormatException($"Expected an item (FFFE,E000) in the sequence but found {itemTag}", start, tag);
            }

            var item = new DicomDataset();
            sequence.Add(item);
            var itemEnd = itemLength == UndefinedLength ? -1 : CheckedEnd(itemLength, tag);
            if (end >= 0 && itemEnd > end)
            {
                throw new DicomFormatException("An item runs past the end of its sequence", start, tag);
            }

            ReadDataset(item, rules, itemEnd, depth + 1);
        }
    }

    private DicomFragmentSequence ReadFragments(DicomTag tag, DicomVR vr, EncodingRules rules)
    {
        ByteSource? offsetTable = null;
        var fragments = new List<ByteSource>();
        while (true)
        {
            var start = input.Position;
            if (input.AtEnd)
            {
                if (options.Strict)
                {
                    throw new DicomTruncatedException("Encapsulated pixel data ends without a sequence delimiter", start, tag);
                }

                Tolerate("Encapsulated pixel data ends without a sequence delimiter", start, tag);
                break;
            }

            var itemTag = ReadTag(rules, tag);
            var itemLength = input.ReadUInt32(rules.BigEndian, tag);
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                break;
            }

            if (itemTag != DicomTag.Item || itemLength == UndefinedLength)
            {
                throw new DicomFormatException(
                    $"Expected a fragment item of defined length in encapsulated pixel data but found {itemTag}", start, tag);
            }

            CheckedEnd(itemLength, tag);
            var value = ReadBytes(tag, itemLength, 1);
            if (offsetTable is null)
            {
                offsetTable = value;
            }
            else
            {
                fragments.Add(value);
            }
        }

        return new DicomFragmentSequence(tag, vr, offsetTable ?? ByteSource.Empty, fragments);
    }

    private ByteSource ReadBytes(DicomTag tag, uint length, int swapUnit)
    {
        CheckedEnd(length, tag);
        if (length == 0)
        {
            return ByteSource.Empty;
        }

        if (length >= options.LargeValueThreshold)
        {
            if (sourcePath is not null && input.CanSeek)
            {
                var reference = new FileRangeByteSource(sourcePath, input.Position, length, swapUnit);
                input.Skip(length, tag);
                return reference;
            }

            var spool = new TempFileByteSource.Builder(options.TempDirectory);
            try
            {
                input.CopyTo(spool, length, tag);
                return spool.Complete(swapUnit);
            }
            catch
            {
                spool.Dispose();
                throw;
            }
        }

        var bytes = input.ReadBytes((int)length, tag);
        ByteSwap.InPlace(bytes, swapUnit);
        return new MemoryByteSource(bytes);
    }

    private long CheckedEnd(uint length, DicomTag tag)
    {
        var remaining = input.Remaining;
        if (remaining >= 0 && length > remaining)
        {
            throw new DicomTruncatedException(
                $"A value length of {length} bytes runs past the end of the data ({remaining} bytes left)", input.Position, tag);
        }

        return input.Position + length;
    }

    private ElementHeader ReadHeader(EncodingRules rules, DicomDataset context)
    {
        var start = input.Position;
        var tag = ReadTag(rules, null);
        if (tag.Group == 0xFFFE)
        {
            return new ElementHeader(tag, DicomVR.UN, input.ReadUInt32(rules.BigEndian, tag));
        }

        if (!rules.ExplicitVR)
        {
            var implicitLength = input.ReadUInt32(rules.BigEndian, tag);
            var implicitVR = ImplicitVRResolver.Resolve(tag, context);
            return new ElementHeader(tag, implicitLength == UndefinedLength && implicitVR == DicomVR.UN ? DicomVR.UN : implicitVR, implicitLength);
        }

        var vrBytes = input.Peek(2);
        if (vrBytes.Length < 2)
        {
            throw new DicomTruncatedException("The data ended inside an element header", start, tag);
        }

        if (DicomVR.TryParse(vrBytes[0], vrBytes[1], out var vr))
        {
            input.Advance(2);
            if (!vr.HasLongLength)
            {
                return new ElementHeader(tag, vr, input.ReadUInt16(rules.BigEndian, tag));
            }

            input.ReadUInt16(rules.BigEndian, tag);
            return new ElementHeader(tag, vr, input.ReadUInt32(rules.BigEndian, tag));
        }

        return ReadUnspelledVR(tag, vrBytes[0], vrBytes[1], rules, context, start);
    }

    /// <summary>
    /// Some writers drop into implicit VR in the middle of an explicit data set. When the four bytes after the
    /// tag make a length that fits the data, the element is read as implicit VR; otherwise the VR is garbage.
    /// </summary>
    private ElementHeader ReadUnspelledVR(DicomTag tag, byte first, byte second, EncodingRules rules, DicomDataset context, long start)
    {
        var bad = $"The bytes 0x{first:X2} 0x{second:X2} are not a value representation";
        if (options.Strict)
        {
            throw new DicomFormatException(bad, start, tag);
        }

        var length = input.ReadUInt32(rules.BigEndian, tag);
        var remaining = input.Remaining;
        var fits = length == UndefinedLength || (remaining >= 0 ? length <= remaining : length < options.LargeValueThreshold);
        if (!fits || (length & 1) == 1)
        {
            throw new DicomFormatException($"{bad}, nor do they start an implicit VR length", start, tag);
        }

        Tolerate($"{bad}; the element was read as implicit VR", start, tag);
        var vr = ImplicitVRResolver.Resolve(tag, context);
        return new ElementHeader(tag, vr, length);
    }

    private DicomTag ReadTag(EncodingRules rules, DicomTag? context)
    {
        var group = input.ReadUInt16(rules.BigEndian, context);
        var element = input.ReadUInt16(rules.BigEndian, context);
        return new DicomTag(group, element);
    }

    private static DicomTag PeekTag(ReadOnlySpan<byte> bytes, EncodingRules rules) => rules.BigEndian
        ? new DicomTag(BinaryPrimitives.ReadUInt16BigEndian(bytes), BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]))
        : new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes), BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]));

    private static int SwapUnitFor(DicomVR vr, EncodingRules rules) =>
        rules.BigEndian && vr.Kind is DicomVRKind.Binary or DicomVRKind.Bytes or DicomVRKind.Tag ? vr.UnitSize : 1;

    private void Tolerate(string message, long offset, DicomTag tag)
    {
        if (options.Strict)
        {
            throw new DicomFormatException(message, offset, tag);
        }

        warnings.Add(message, offset, tag);
    }

    private readonly record struct ElementHeader(DicomTag Tag, DicomVR VR, uint Length);
}
