using System.Buffers.Binary;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// Guesses the encoding of a data set that arrives without file meta information, by checking which encoding
/// makes the first elements well-formed: tags ascending, VRs spelled, lengths that fit.
/// </summary>
internal static class TransferSyntaxDetector
{
    private const int ElementsToCheck = 4;

    private static readonly TransferSyntax[] Candidates =
    [
        TransferSyntax.ExplicitVRLittleEndian,
        TransferSyntax.ImplicitVRLittleEndian,
        TransferSyntax.ExplicitVRBigEndian,
    ];

    /// <summary>The first candidate encoding that parses the head of the data, or null.</summary>
    public static TransferSyntax? Detect(ReadOnlySpan<byte> head, long remaining)
    {
        foreach (var candidate in Candidates)
        {
            if (LooksLike(head, candidate, remaining))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool LooksLike(ReadOnlySpan<byte> head, TransferSyntax syntax, long remaining)
    {
        var position = 0;
        var previous = 0u;
        var checkedElements = 0;
        while (checkedElements < ElementsToCheck && position + 8 <= head.Length)
        {
            var group = Read16(head[position..], syntax.IsBigEndian);
            var element = Read16(head[(position + 2)..], syntax.IsBigEndian);
            var tag = new DicomTag(group, element);
            if (tag.Value <= previous || !PlausibleGroup(group))
            {
                return false;
            }

            long length;
            int headerLength;
            if (syntax.IsExplicitVR)
            {
                if (!DicomVR.TryParse(head[position + 4], head[position + 5], out var vr))
                {
                    return false;
                }

                if (vr.HasLongLength)
                {
                    if (position + 12 > head.Length)
                    {
                        return checkedElements > 0;
                    }

                    length = Read32(head[(position + 8)..], syntax.IsBigEndian);
                    headerLength = 12;
                }
                else
                {
                    length = Read16(head[(position + 6)..], syntax.IsBigEndian);
                    headerLength = 8;
                }
            }
            else
            {
                length = Read32(head[(position + 4)..], syntax.IsBigEndian);
                headerLength = 8;
            }

            checkedElements++;
            if (length == 0xFFFF_FFFF)
            {
                return true;
            }

            if ((remaining >= 0 && length > remaining - position - headerLength) || (length & 1) == 1)
            {
                return false;
            }

            previous = tag.Value;
            position += headerLength + (int)Math.Min(length, int.MaxValue - position - headerLength);
        }

        return checkedElements > 0;
    }

    private static bool PlausibleGroup(ushort group) => group is >= 0x0001 and < 0xFFFE;

    private static ushort Read16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private static uint Read32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
