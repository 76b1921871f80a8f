namespace NodeAgent.Dicom.IO;

/// <summary>How many bytes items take when written, for defined-length sequences and group lengths.</summary>
internal static class EncodedLength
{
    private const long Delimiter = 8;

    /// <summary>
    /// The VR an element is written with: its own, or UN when explicit VR cannot hold its length in 16 bits
    /// (PS3.5 §6.2.2 Note: a value longer than the VR's 16-bit length allows can only travel as UN).
    /// </summary>
    public static DicomVR WrittenVR(DicomElement element, EncodingRules rules) =>
        rules.ExplicitVR && !element.VR.HasLongLength && element.Length + (element.Length & 1) > 0xFFFE
            ? DicomVR.UN
            : element.VR;

    public static long OfDataset(DicomDataset dataset, EncodingRules rules, DicomWriterOptions options)
    {
        long total = 0;
        foreach (var item in dataset)
        {
            if (item.Tag.IsGroupLength && item.Tag.Group is not (0x0000 or 0x0002) && options.GroupLengths == GroupLengthEncoding.Remove)
            {
                continue;
            }

            total += OfItem(item, rules, options);
        }

        return total;
    }

    public static long OfGroup(DicomDataset dataset, ushort group, EncodingRules rules, DicomWriterOptions options)
    {
        long total = 0;
        foreach (var item in dataset)
        {
            if (item.Tag.Group == group && !item.Tag.IsGroupLength)
            {
                total += OfItem(item, rules, options);
            }
        }

        return total;
    }

    public static long OfSequenceValue(DicomSequence sequence, EncodingRules rules, DicomWriterOptions options)
    {
        var undefined = options.SequenceLength == SequenceLengthEncoding.Undefined;
        long total = 0;
        foreach (var item in sequence.Items)
        {
            total += Delimiter + OfDataset(item, rules, options) + (undefined ? Delimiter : 0);
        }

        return total + (undefined ? Delimiter : 0);
    }

    public static long OfItem(DicomItem item, EncodingRules rules, DicomWriterOptions options) => item switch
    {
        DicomElement element => Header(WrittenVR(element, rules), rules) + Even(element.Length),
        DicomSequence sequence => Header(DicomVR.SQ, rules) + OfSequenceValue(sequence, rules, options),
        DicomFragmentSequence fragments => Header(DicomVR.OB, rules)
            + Delimiter + Even(fragments.OffsetTable.Length)
            + fragments.Fragments.Sum(f => Delimiter + Even(f.Length))
            + Delimiter,
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, "Unknown kind of item."),
    };

    private static long Header(DicomVR vr, EncodingRules rules) => !rules.ExplicitVR ? 8 : vr.HasLongLength ? 12 : 8;

    private static long Even(long length) => length + (length & 1);
}
