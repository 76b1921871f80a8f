using System.Security.Cryptography;
using System.Text;

namespace NodeAgent.Dicom.Tests.Support;

/// <summary>
/// A canonical line-per-element picture of a data set for equality checks: tag, VR and a hash of the value
/// padded to even length (as any writer must pad it). Group lengths are left out: writers recalculate them.
/// </summary>
internal static class DatasetDump
{
    public static IReadOnlyList<string> Lines(DicomDataset dataset)
    {
        var lines = new List<string>();
        Append(dataset, 0, lines);
        return lines;
    }

    private static void Append(DicomDataset dataset, int depth, List<string> lines)
    {
        var indent = new string(' ', depth * 2);
        foreach (var item in dataset)
        {
            if (item.Tag.IsGroupLength)
            {
                continue;
            }

            switch (item)
            {
                case DicomElement element:
                    lines.Add($"{indent}{element.Tag} {element.VR} {Hash(element.Data.ReadAll().Span, element.VR.PaddingByte)}");
                    break;
                case DicomSequence sequence:
                    lines.Add($"{indent}{sequence.Tag} SQ items={sequence.Items.Count}");
                    foreach (var child in sequence.Items)
                    {
                        lines.Add($"{indent}  item");
                        Append(child, depth + 2, lines);
                    }

                    break;
                case DicomFragmentSequence fragments:
                    lines.Add($"{indent}{fragments.Tag} fragments={fragments.Fragments.Count} bot={Hash(fragments.OffsetTable.ReadAll().Span, 0)}");
                    foreach (var fragment in fragments.Fragments)
                    {
                        lines.Add($"{indent}  fragment {Hash(fragment.ReadAll().Span, 0)}");
                    }

                    break;
            }
        }
    }

    private static string Hash(ReadOnlySpan<byte> value, byte padding)
    {
        var padded = (value.Length & 1) == 1 ? [.. value, padding] : value.ToArray();
        var hex = Convert.ToHexString(SHA256.HashData(padded))[..16];
        return $"len={padded.Length} sha={hex}";
    }

    public static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var e = i < expected.Count ? expected[i] : "<none>";
            var a = i < actual.Count ? actual[i] : "<none>";
            if (e != a)
            {
                builder.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"line {i}: expected '{e}' but was '{a}'");
                if (builder.Length > 2000)
                {
                    break;
                }
            }
        }

        return builder.ToString();
    }
}
