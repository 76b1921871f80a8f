using System.Buffers;
using static NodeAgent.Dicom.Text.Iso2022Delimiters;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// Writes text with ISO 2022 code extensions (PS3.5 §6.1.2.5): each character goes in the set already
/// designated when it can, else in the set of value 1, else in the first declared set that holds it, with the
/// escape sequence that designates it; before every reset point and at the end of the value the designations of
/// value 1 are restored, as the examples of PS3.5 Annex H (Japanese) and Annex I (Korean) do.
/// </summary>
internal static class Iso2022Encoder
{
    /// <summary>Encodes a value; throws <see cref="ArgumentException"/> for a character no declared set holds.</summary>
    public static byte[] Encode(string text, DicomVR vr, string name, CodeElement initialG0, CodeElement? initialG1, IReadOnlyList<CodeElement> declared)
    {
        var output = new ArrayBufferWriter<byte>(text.Length + 8);
        var g0 = initialG0;
        var g1 = initialG1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Escape)
            {
                throw TextCodec.Unencodable(name, text, i);
            }

            if (IsResetPoint(c, vr))
            {
                Restore(output, ref g0, ref g1, initialG0, initialG1);
            }

            if (!TryWrite(output, c, ref g0, ref g1, initialG0, initialG1, declared))
            {
                throw TextCodec.Unencodable(name, text, i);
            }
        }

        Restore(output, ref g0, ref g1, initialG0, initialG1);
        return output.WrittenSpan.ToArray();
    }

    private static bool TryWrite(
        ArrayBufferWriter<byte> output, char c, ref CodeElement g0, ref CodeElement? g1,
        CodeElement initialG0, CodeElement? initialG1, IReadOnlyList<CodeElement> declared)
    {
        if (TryWriteIn(output, c, g0, ref g0, ref g1)
            || (g1 is not null && TryWriteIn(output, c, g1, ref g0, ref g1))
            || TryWriteIn(output, c, initialG0, ref g0, ref g1)
            || (initialG1 is not null && TryWriteIn(output, c, initialG1, ref g0, ref g1)))
        {
            return true;
        }

        foreach (var element in declared)
        {
            if (TryWriteIn(output, c, element, ref g0, ref g1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <paramref name="c"/> in <paramref name="element"/>, designating it first, if it holds it.</summary>
    private static bool TryWriteIn(ArrayBufferWriter<byte> output, char c, CodeElement element, ref CodeElement g0, ref CodeElement? g1)
    {
        Span<byte> code = stackalloc byte[2];
        int length;
        if (element.IsAscii)
        {
            if (c >= 0x80)
            {
                return false;
            }

            code[0] = (byte)c;
            length = 1;
        }
        else if (element.IsDoubleByte)
        {
            if (!element.DoubleByteTable.TryEncode(c, out var pair))
            {
                return false;
            }

            var high = element.IsG1 ? 0x80 : 0;
            code[0] = (byte)((pair >> 8) | high);
            code[1] = (byte)((pair & 0xFF) | high);
            length = 2;
        }
        else
        {
            if (c < 0x80 || !element.SingleByteTable.TryEncodeUpper(c, out code[0]))
            {
                return false;
            }

            length = 1;
        }

        if (element.IsG1 ? !ReferenceEquals(g1, element) : !ReferenceEquals(g0, element))
        {
            WriteDesignation(output, element);
            if (element.IsG1)
            {
                g1 = element;
            }
            else
            {
                g0 = element;
            }
        }

        output.Write(code[..length]);
        return true;
    }

    private static void Restore(ArrayBufferWriter<byte> output, ref CodeElement g0, ref CodeElement? g1, CodeElement initialG0, CodeElement? initialG1)
    {
        if (!ReferenceEquals(g0, initialG0))
        {
            WriteDesignation(output, initialG0);
        }

        // A G1 designated after value 1 needs no escape when value 1 designated none: readers reset G1 anyway,
        // and GR bytes only follow a fresh designation (PS3.5 Annex I writes ESC $ ) C again after each '^').
        if (initialG1 is not null && !ReferenceEquals(g1, initialG1))
        {
            WriteDesignation(output, initialG1);
        }

        g0 = initialG0;
        g1 = initialG1;
    }

    private static void WriteDesignation(ArrayBufferWriter<byte> output, CodeElement element)
    {
        output.Write([Escape]);
        output.Write(element.Designation);
    }
}
