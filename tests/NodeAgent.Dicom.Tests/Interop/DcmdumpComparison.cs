using System.Globalization;
using NodeAgent.Testing;

namespace NodeAgent.Dicom.Tests.Interop;

/// <summary>Lines up our reading of a data set with dcmdump's, element by element: tag, VR and value.</summary>
internal static class DcmdumpComparison
{
    public static IReadOnlyList<string> Ours(DicomDataset dataset)
    {
        var rows = new List<string>();
        Walk(dataset, 0, rows);
        return rows;
    }

    public static IReadOnlyList<string> Theirs(DcmdumpFile dump) =>
        dump.Records
            .Where(r => r.Section == DcmdumpSection.DataSet)
            .Where(r => r.Kind is DcmdumpRecordKind.Element or DcmdumpRecordKind.Sequence or DcmdumpRecordKind.Item
                or DcmdumpRecordKind.PixelSequence or DcmdumpRecordKind.Fragment)
            .Where(r => !r.Tag.IsGroupLength && r.Tag != SpecificCharacterSet)
            .Select(r => Row(r.Depth, r.Tag, r.Kind is DcmdumpRecordKind.Item or DcmdumpRecordKind.Fragment ? "na" : r.VR == "??" ? "UN" : r.VR,
                r.Kind is DcmdumpRecordKind.Element or DcmdumpRecordKind.Fragment ? Normalise(r.VR, r.Text) : ""))
            .ToList();

    private static void Walk(DicomDataset dataset, int depth, List<string> rows)
    {
        foreach (var item in dataset)
        {
            if (item.Tag.IsGroupLength || item.Tag == SpecificCharacterSet)
            {
                continue;
            }

            switch (item)
            {
                case DicomElement element:
                    var value = element.Length == 0 ? "" : DicomDump.FormatValue(dataset, element, int.MaxValue);
                    if ((element.Length & 1) == 1 && element.VR.Kind == DicomVRKind.Bytes)
                    {
                        // DCMTK pads an odd value in memory with a zero byte; so does our writer.
                        value += "\\00";
                    }
                    if (element.VR.IsString && value.Length >= 2)
                    {
                        value = value[1..^1];
                    }

                    rows.Add(Row(depth, element.Tag, element.VR.Code, Normalise(element.VR.Code, value)));
                    break;
                case DicomSequence sequence:
                    rows.Add(Row(depth, sequence.Tag, "SQ", ""));
                    foreach (var child in sequence.Items)
                    {
                        rows.Add(Row(depth + 1, DicomTag.Item, "na", ""));
                        Walk(child, depth + 2, rows);
                    }

                    break;
                case DicomFragmentSequence fragments:
                    rows.Add(Row(depth, fragments.Tag, fragments.VR.Code, ""));
                    foreach (var fragment in new[] { fragments.OffsetTable }.Concat(fragments.Fragments))
                    {
                        rows.Add(Row(depth + 1, DicomTag.Item, "na", fragment.Length == 0 ? "" : DicomDump.Hex(fragment.ReadAll().Span)));
                    }

                    break;
            }
        }
    }

    /// <summary>dcmdump +U8 converts text to UTF-8 and says so in (0008,0005); that row is not compared.</summary>
    private static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);

    private static string Row(int depth, DicomTag tag, string vr, string value) => $"{depth} {tag} {vr} {value}";

    /// <summary>Numbers are compared as numbers (dcmdump prints floats with its own precision); the rest as text.</summary>
    private static string Normalise(string vr, string value)
    {
        if (vr is "FL" or "FD" or "OF" or "OD" or "DS")
        {
            return string.Join('\\', value.Split('\\').Select(v =>
                double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d.ToString("G6", CultureInfo.InvariantCulture)
                    : v.Trim()));
        }

        return vr is "OB" or "OW" or "UN" or "OL" or "OV" or "AT" ? value.ToLowerInvariant() : value;
    }
}
