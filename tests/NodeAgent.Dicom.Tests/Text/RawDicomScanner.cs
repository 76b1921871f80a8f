using System.Buffers.Binary;
using System.Text;

namespace NodeAgent.Dicom.Tests.Text;

/// <summary>One element found by <see cref="RawDicomScanner"/>.</summary>
/// <param name="Tag">Group in the high 16 bits, element in the low.</param>
/// <param name="Vr">The explicit VR, or "??" in implicit VR.</param>
/// <param name="Scope">Where the element lives: "" at top level, "(gggg,eeee)[i]/…" inside sequence items.</param>
/// <param name="Value">The raw value bytes, padding included.</param>
internal sealed record RawElement(uint Tag, string Vr, string Scope, byte[] Value);

/// <summary>
/// A deliberately tiny Part 10 walker for little-endian files (explicit or implicit VR), test-only, so these
/// tests do not depend on the library's reader. It trusts its input: it is only pointed at known sample files.
/// </summary>
internal static class RawDicomScanner
{
    private const uint Item = 0xFFFEE000;
    private const uint ItemEnd = 0xFFFEE00D;
    private const uint SequenceEnd = 0xFFFEE0DD;
    private const uint Undefined = 0xFFFFFFFF;
    private const uint PixelData = 0x7FE00010;
    private static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];

    /// <summary>Every element of the file, sequence items included, in file order.</summary>
    public static IReadOnlyList<RawElement> Scan(string path)
    {
        var data = File.ReadAllBytes(path);
        var start = data.Length > 132 && Encoding.ASCII.GetString(data, 128, 4) == "DICM" ? 132 : 0;
        var found = new List<RawElement>();
        Walk(data, start, data.Length, string.Empty, found);
        return found;
    }

    /// <summary>
    /// The value of <paramref name="tag"/> at the scope of <paramref name="element"/> or the nearest enclosing one
    /// (a sequence item inherits the data set's Specific Character Set unless it has its own).
    /// </summary>
    public static RawElement? FindInScope(IReadOnlyList<RawElement> elements, uint tag, RawElement element) =>
        elements.Where(e => e.Tag == tag && element.Scope.StartsWith(e.Scope, StringComparison.Ordinal))
            .MaxBy(e => e.Scope.Length);

    private static int Walk(byte[] data, int position, int end, string scope, List<RawElement> found)
    {
        while (position + 8 <= end)
        {
            var tag = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(position)) << 16)
                | BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(position + 2));
            if (tag is ItemEnd or SequenceEnd)
            {
                return position + 8;
            }

            // Pixel data may be encapsulated (items of compressed fragments, not data sets) and we never need it.
            if (tag == PixelData)
            {
                return end;
            }

            var vr = Encoding.ASCII.GetString(data, position + 4, 2);
            var isExplicit = vr.All(char.IsAsciiLetterUpper);
            int header;
            uint length;
            if (!isExplicit)
            {
                vr = "??";
                length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(position + 4));
                header = 8;
            }
            else if (LongVrs.Contains(vr))
            {
                length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(position + 8));
                header = 12;
            }
            else
            {
                length = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(position + 6));
                header = 8;
            }

            position += header;
            if (vr == "SQ" || length == Undefined)
            {
                position = WalkSequence(data, position, length, $"{scope}({tag >> 16:X4},{tag & 0xFFFF:X4})", found);
                continue;
            }

            found.Add(new RawElement(tag, vr, scope, data[position..(position + (int)length)]));
            position += (int)length;
        }

        return position;
    }

    private static int WalkSequence(byte[] data, int position, uint length, string scope, List<RawElement> found)
    {
        var end = length == Undefined ? data.Length : position + (int)length;
        for (var index = 0; position + 8 <= end; index++)
        {
            var tag = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(position)) << 16)
                | BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(position + 2));
            var itemLength = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(position + 4));
            position += 8;
            if (tag == SequenceEnd)
            {
                return position;
            }

            if (tag != Item)
            {
                throw new InvalidDataException($"Expected an item tag in sequence {scope}, found {tag:X8}.");
            }

            var itemEnd = itemLength == Undefined ? end : position + (int)itemLength;
            var afterItem = Walk(data, position, itemEnd, $"{scope}[{index}]/", found);
            position = itemLength == Undefined ? afterItem : itemEnd;
        }

        return position;
    }
}
