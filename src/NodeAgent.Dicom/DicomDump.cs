using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NodeAgent.Dicom;

/// <summary>
/// A human-readable listing of a data set in the notation of DCMTK's dcmdump: one line per element,
/// "(gggg,eeee) VR value", nested items indented. For people inspecting files locally: it prints values,
/// identifying ones included, so it must never feed a log.
/// </summary>
public static class DicomDump
{
    /// <summary>The lines of the listing. Values longer than <paramref name="maxValueBytes"/> are cut with "...".</summary>
    public static IReadOnlyList<string> Lines(DicomDataset dataset, int maxValueBytes = 256)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var lines = new List<string>();
        Append(dataset, 0, maxValueBytes, lines);
        return lines;
    }

    /// <summary>The value of one element as dcmdump shows it, without the tag and VR.</summary>
    public static string FormatValue(DicomDataset dataset, DicomElement element, int maxValueBytes = 256)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(element);
        if (element.Length == 0)
        {
            return "(no value available)";
        }

        if (element.VR.IsString)
        {
            var text = dataset.GetString(element.Tag) ?? string.Empty;
            return $"[{text}]";
        }

        if (element.Length > maxValueBytes && !element.Data.IsInMemory)
        {
            return $"(not loaded, {element.Length} bytes)";
        }

        var bytes = element.Data.ReadAll().Span;
        var cut = bytes.Length > maxValueBytes;
        var shown = cut ? bytes[..maxValueBytes] : bytes;
        var formatted = element.VR.Code switch
        {
            "US" => Join(shown, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture)),
            "SS" => Join(shown, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture)),
            "UL" => Join(shown, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture)),
            "SL" => Join(shown, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture)),
            "UV" => Join(shown, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture)),
            "SV" => Join(shown, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture)),
            "FL" or "OF" => Join(shown, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s).ToString("G9", CultureInfo.InvariantCulture)),
            "FD" or "OD" => Join(shown, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s).ToString("G17", CultureInfo.InvariantCulture)),
            "AT" => Join(shown, 4, s => $"({BinaryPrimitives.ReadUInt16LittleEndian(s):x4},{BinaryPrimitives.ReadUInt16LittleEndian(s[2..]):x4})"),
            "OW" => Join(shown, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s).ToString("x4", CultureInfo.InvariantCulture)),
            "OL" => Join(shown, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s).ToString("x8", CultureInfo.InvariantCulture)),
            "OV" => Join(shown, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s).ToString("x16", CultureInfo.InvariantCulture)),
            _ => Hex(shown),
        };
        return cut ? formatted + "..." : formatted;
    }

    /// <summary>Bytes as dcmdump shows OB and UN values: two hex digits each, separated by backslashes.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Join(bytes, 1, s => s[0].ToString("x2", CultureInfo.InvariantCulture));

    private static void Append(DicomDataset dataset, int depth, int maxValueBytes, List<string> lines)
    {
        var indent = new string(' ', depth * 2);
        foreach (var item in dataset)
        {
            var head = $"{indent}({item.Tag.Group:x4},{item.Tag.Element:x4}) {item.VR}";
            switch (item)
            {
                case DicomElement element:
                    lines.Add($"{head} {FormatValue(dataset, element, maxValueBytes)}");
                    break;
                case DicomSequence sequence:
                    lines.Add($"{head} (Sequence with {sequence.Items.Count} items)");
                    foreach (var child in sequence.Items)
                    {
                        lines.Add($"{indent}  (fffe,e000) na (Item)");
                        Append(child, depth + 2, maxValueBytes, lines);
                    }

                    break;
                case DicomFragmentSequence fragments:
                    lines.Add($"{head} (PixelSequence #={fragments.Fragments.Count + 1})");
                    foreach (var fragment in (IEnumerable<IO.ByteSource>)[fragments.OffsetTable, .. fragments.Fragments])
                    {
                        lines.Add($"{indent}  (fffe,e000) pi {FormatFragment(fragment, maxValueBytes)}");
                    }

                    break;
            }
        }
    }

    private static string FormatFragment(IO.ByteSource fragment, int maxValueBytes)
    {
        if (fragment.Length == 0)
        {
            return "(no value available)";
        }

        if (fragment.Length > maxValueBytes && !fragment.IsInMemory)
        {
            return $"(not loaded, {fragment.Length} bytes)";
        }

        var bytes = fragment.ReadAll().Span;
        return bytes.Length > maxValueBytes ? Hex(bytes[..maxValueBytes]) + "..." : Hex(bytes);
    }

    private delegate string UnitFormatter(ReadOnlySpan<byte> unit);

    private static string Join(ReadOnlySpan<byte> bytes, int unit, UnitFormatter format)
    {
        var builder = new StringBuilder();
        for (var offset = 0; offset + unit <= bytes.Length; offset += unit)
        {
            if (offset > 0)
            {
                builder.Append('\\');
            }

            builder.Append(format(bytes.Slice(offset, unit)));
        }

        return builder.ToString();
    }
}
