using System.Collections.Frozen;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// A 94×94 double-byte character set (JIS X 0208, JIS X 0212, KS X 1001, GB 2312), indexed by the 7-bit
/// row and cell bytes 0x21-0x7E; built once from an EUC code page so decoding is a lookup and encoding its inverse.
/// </summary>
internal sealed class DoubleByteTable
{
    private const int Size = 94;
    private readonly char[] _chars;
    private readonly FrozenDictionary<char, ushort> _reverse;

    private DoubleByteTable(char[] chars)
    {
        _chars = chars;
        var reverse = new Dictionary<char, ushort>();
        for (var i = 0; i < chars.Length; i++)
        {
            // ASCII is never written as a double-byte code, even where a set has a copy of it.
            if (chars[i] != CodePages.Replacement && chars[i] >= 0x80)
            {
                reverse.TryAdd(chars[i], (ushort)((((i / Size) + 0x21) << 8) | ((i % Size) + 0x21)));
            }
        }

        _reverse = reverse.ToFrozenDictionary();
    }

    /// <summary>
    /// Builds the table by decoding every row/cell pair with an EUC code page. The lead byte always gets the
    /// high bit; <paramref name="highTrail"/> says whether the trail byte does too (false for JIS X 0212 in
    /// code page 20932, which keeps that set's trail byte 7-bit to tell it from JIS X 0208).
    /// <paramref name="corrections"/> (7-bit row/cell code, character) fill in what the code page leaves out.
    /// </summary>
    public static DoubleByteTable FromCodePage(int codePage, bool highTrail, params (ushort Code, char Char)[] corrections)
    {
        var encoding = CodePages.Get(codePage);
        var table = new char[Size * Size];
        Span<byte> pair = stackalloc byte[2];
        Span<char> chars = stackalloc char[4];
        for (var row = 0; row < Size; row++)
        {
            for (var cell = 0; cell < Size; cell++)
            {
                pair[0] = (byte)(0xA1 + row);
                pair[1] = (byte)((highTrail ? 0xA1 : 0x21) + cell);
                var count = encoding.GetChars(pair, chars);
                table[(row * Size) + cell] = count == 1 && CodePages.IsAssigned(chars[0]) ? chars[0] : CodePages.Replacement;
            }
        }

        foreach (var (code, c) in corrections)
        {
            table[(((code >> 8) - 0x21) * Size) + ((code & 0xFF) - 0x21)] = c;
        }

        return new DoubleByteTable(table);
    }

    /// <summary>Decodes a pair; the high bits are ignored so GL and GR forms both work.</summary>
    public char Decode(byte lead, byte trail) =>
        _chars[(((lead & 0x7F) - 0x21) * Size) + ((trail & 0x7F) - 0x21)];

    /// <summary>Finds the 7-bit code (row in the high byte, cell in the low byte) for a character.</summary>
    public bool TryEncode(char c, out ushort code) => _reverse.TryGetValue(c, out code);
}
