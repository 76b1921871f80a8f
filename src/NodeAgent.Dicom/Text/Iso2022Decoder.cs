using static NodeAgent.Dicom.Text.Iso2022Delimiters;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// The ISO 2022 state machine for values whose Specific Character Set uses code extensions (PS3.5 §6.1.2.5):
/// escape sequences designate a set to G0 (GL bytes) or G1 (GR bytes), and the designations of value 1 come back
/// at every reset point (<see cref="Iso2022Delimiters"/>). Every escape sequence we know is honoured even when
/// (0008,0005) did not declare it: the sequence names its set unambiguously, and the text is worth more than
/// the bytes (pydicom instead warns and reads such a fragment with value 1).
/// </summary>
internal static class Iso2022Decoder
{
    private const char Replacement = CodePages.Replacement;

    /// <summary>
    /// Decodes <paramref name="value"/> into <paramref name="output"/>, which must be at least as long as the
    /// value (every byte yields at most one character); returns the number of characters written.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> value, DicomVR vr, CodeElement initialG0, CodeElement? initialG1, Span<char> output)
    {
        var g0 = initialG0;
        var g1 = initialG1;
        var written = 0;
        var i = 0;
        while (i < value.Length)
        {
            var b = value[i];
            if (b == Escape)
            {
                i += Designate(value[i..], ref g0, ref g1, output, ref written);
            }
            else if (b >= 0x80)
            {
                i += DecodeRight(value[i..], g1, out output[written++]);
            }
            else if (g0.IsDoubleByte && b is >= 0x21 and <= 0x7E)
            {
                // A 94×94 set in GL takes the bytes in pairs, so '\', '^' and '=' here are halves of a character.
                if (i + 1 < value.Length && value[i + 1] is >= 0x21 and <= 0x7E)
                {
                    output[written++] = g0.DoubleByteTable.Decode(b, value[i + 1]);
                    i += 2;
                }
                else
                {
                    output[written++] = Replacement;
                    i++;
                }
            }
            else
            {
                if (IsResetPoint(b, vr))
                {
                    g0 = initialG0;
                    g1 = initialG1;
                }

                // ISO-IR 6 and ISO-IR 14 both read as ASCII, and SPACE and the controls are the same in every G0.
                output[written++] = (char)b;
                i++;
            }
        }

        return written;
    }

    /// <summary>Decodes the GR character at the start of <paramref name="bytes"/>; returns the bytes used.</summary>
    private static int DecodeRight(ReadOnlySpan<byte> bytes, CodeElement? g1, out char decoded)
    {
        if (g1 is null)
        {
            // Nothing designated to G1: read Latin-1, as the default repertoire does, rather than lose the text.
            decoded = (char)bytes[0];
            return 1;
        }

        if (!g1.IsDoubleByte)
        {
            decoded = g1.SingleByteTable.Decode(bytes[0]);
            return 1;
        }

        if (bytes[0] is >= 0xA1 and <= 0xFE && bytes.Length > 1 && bytes[1] is >= 0xA1 and <= 0xFE)
        {
            decoded = g1.DoubleByteTable.Decode(bytes[0], bytes[1]);
            return 2;
        }

        decoded = Replacement;
        return 1;
    }

    /// <summary>
    /// Reads the escape sequence at the start of <paramref name="bytes"/> (ESC, intermediates 02/00-02/15, one
    /// final 03/00-07/14: ISO 2022 §13.1) and applies it; an unknown or malformed one becomes one U+FFFD.
    /// Returns the bytes used.
    /// </summary>
    private static int Designate(ReadOnlySpan<byte> bytes, ref CodeElement g0, ref CodeElement? g1, Span<char> output, ref int written)
    {
        var end = 1;
        while (end < bytes.Length && bytes[end] is >= 0x20 and <= 0x2F)
        {
            end++;
        }

        if (end >= bytes.Length || bytes[end] is < 0x30 or > 0x7E)
        {
            output[written++] = Replacement;
            return 1;
        }

        var element = CodeElement.FromDesignation(bytes[1..(end + 1)]);
        if (element is null)
        {
            output[written++] = Replacement;
        }
        else if (element.IsG1)
        {
            g1 = element;
        }
        else
        {
            g0 = element;
        }

        return end + 1;
    }
}
