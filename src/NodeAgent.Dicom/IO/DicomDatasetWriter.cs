using System.Buffers.Binary;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// Writes data set bodies in implicit or explicit VR little endian: even lengths with the VR's padding byte,
/// sequences delimited or with computed lengths, encapsulated pixel data as received.
/// </summary>
internal sealed class DicomDatasetWriter(Stream output, EncodingRules rules, DicomWriterOptions options)
{
    private const uint UndefinedLength = 0xFFFF_FFFF;
    private readonly byte[] _header = new byte[12];

    public void Write(DicomDataset dataset)
    {
        foreach (var item in dataset)
        {
            if (item.Tag.IsGroupLength && item.Tag.Group != 0x0000 && item.Tag.Group != 0x0002)
            {
                if (options.GroupLengths == GroupLengthEncoding.Remove)
                {
                    continue;
                }

                WriteGroupLength(item.Tag, EncodedLength.OfGroup(dataset, item.Tag.Group, rules, options));
                continue;
            }

            WriteItem(item);
        }
    }

    private void WriteItem(DicomItem item)
    {
        switch (item)
        {
            case DicomElement element:
                WriteElement(element);
                break;
            case DicomSequence sequence:
                WriteSequence(sequence);
                break;
            case DicomFragmentSequence fragments:
                WriteFragments(fragments);
                break;
        }
    }

    private void WriteElement(DicomElement element)
    {
        var length = element.Length;
        var padded = length + (length & 1);
        if (padded > UndefinedLength - 1)
        {
            throw new DicomException($"Element {element.Tag} holds {length} bytes, more than one element can encode");
        }

        WriteHeader(element.Tag, EncodedLength.WrittenVR(element, rules), (uint)padded);
        element.Data.CopyTo(output);
        if (padded != length)
        {
            output.WriteByte(element.VR.PaddingByte);
        }
    }

    private void WriteSequence(DicomSequence sequence)
    {
        var defined = options.SequenceLength == SequenceLengthEncoding.Defined;
        WriteHeader(sequence.Tag, DicomVR.SQ, defined ? CheckedLength(EncodedLength.OfSequenceValue(sequence, rules, options), sequence.Tag) : UndefinedLength);
        foreach (var item in sequence.Items)
        {
            WriteDelimiter(DicomTag.Item, defined ? CheckedLength(EncodedLength.OfDataset(item, rules, options), sequence.Tag) : UndefinedLength);
            Write(item);
            if (!defined)
            {
                WriteDelimiter(DicomTag.ItemDelimitation, 0);
            }
        }

        if (!defined)
        {
            WriteDelimiter(DicomTag.SequenceDelimitation, 0);
        }
    }

    /// <summary>
    /// Writes the header of a Pixel Data element whose value follows from elsewhere, as <see cref="Write"/> would
    /// write it: <paramref name="length"/> bytes, or fragment items when it is undefined.
    /// </summary>
    public void WritePixelDataHeader(DicomVR vr, uint length) =>
        WriteHeader(DicomTags.PixelData, length == UndefinedLength ? EncapsulatedVR(vr) : vr, length);

    // PS3.5 §A.4: encapsulated pixel data is OB, whatever VR the sender gave it.
    private static DicomVR EncapsulatedVR(DicomVR vr) => vr == DicomVR.OW ? DicomVR.OB : vr;

    private void WriteFragments(DicomFragmentSequence fragments)
    {
        // PS3.5 §A.4: encapsulated pixel data is always of undefined length, its items always of defined length.
        WriteHeader(fragments.Tag, EncapsulatedVR(fragments.VR), UndefinedLength);
        WriteFragment(fragments.OffsetTable);
        foreach (var fragment in fragments.Fragments)
        {
            WriteFragment(fragment);
        }

        WriteDelimiter(DicomTag.SequenceDelimitation, 0);
    }

    private void WriteFragment(ByteSource fragment)
    {
        var length = fragment.Length;
        WriteDelimiter(DicomTag.Item, CheckedLength(length + (length & 1), DicomTag.Item));
        fragment.CopyTo(output);
        if ((length & 1) == 1)
        {
            output.WriteByte(0);
        }
    }

    private void WriteGroupLength(DicomTag tag, long length)
    {
        WriteHeader(tag, DicomVR.UL, 4);
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(value, CheckedLength(length, tag));
        output.Write(value);
    }

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        var header = _header.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        if (!rules.ExplicitVR)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
            output.Write(header[..8]);
            return;
        }

        header[4] = (byte)vr.Code[0];
        header[5] = (byte)vr.Code[1];
        if (vr.HasLongLength)
        {
            header[6] = header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            output.Write(header[..12]);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
            output.Write(header[..8]);
        }
    }

    private void WriteDelimiter(DicomTag tag, uint length)
    {
        var header = _header.AsSpan(0, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
        output.Write(header);
    }

    private static uint CheckedLength(long length, DicomTag tag) =>
        length < UndefinedLength
            ? (uint)length
            : throw new DicomException($"Element {tag} would need a length of {length} bytes, beyond what DICOM can encode");
}
