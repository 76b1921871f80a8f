using System.Collections.Frozen;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// An 8-bit character set whose lower half is ASCII: the right half (bytes 0x80-0xFF) comes from a table,
/// built once from a code page so decoding is a lookup and encoding the exact inverse.
/// </summary>
internal sealed class SingleByteTable
{
    private readonly char[] _upper;
    private readonly FrozenDictionary<char, byte> _reverse;

    private SingleByteTable(char[] upper)
    {
        _upper = upper;
        var reverse = new Dictionary<char, byte>();
        for (var i = 0; i < upper.Length; i++)
        {
            if (upper[i] != CodePages.Replacement)
            {
                reverse.TryAdd(upper[i], (byte)(0x80 + i));
            }
        }

        _reverse = reverse.ToFrozenDictionary();
    }

    /// <summary>ISO 8859-1: every byte maps to the code point of the same value.</summary>
    public static SingleByteTable Latin1 { get; } = new(Enumerable.Range(0x80, 128).Select(b => (char)b).ToArray());

    /// <summary>True for <see cref="Latin1"/>, which callers decode with the vectorised in-box Latin-1 encoding.</summary>
    public bool IsLatin1 => ReferenceEquals(this, Latin1);

    /// <summary>
    /// The table of an 8-bit code page; unassigned bytes decode to U+FFFD. <paramref name="corrections"/>
    /// replace the code page's mapping where Windows differs from the ISO 8859 table of unicode.org.
    /// </summary>
    public static SingleByteTable FromCodePage(int codePage, params (byte Byte, char Char)[] corrections)
    {
        var encoding = CodePages.Get(codePage);
        var upper = new char[128];
        Span<byte> one = stackalloc byte[1];
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < upper.Length; i++)
        {
            one[0] = (byte)(0x80 + i);
            var count = encoding.GetChars(one, chars);
            upper[i] = count == 1 && CodePages.IsAssigned(chars[0]) ? chars[0] : CodePages.Replacement;
        }

        foreach (var (b, c) in corrections)
        {
            upper[b - 0x80] = c;
        }

        return new SingleByteTable(upper);
    }

    /// <summary>
    /// JIS X 0201 katakana (ISO-IR 13) in the right half: 0xA1-0xDF are the half-width katakana U+FF61-U+FF9F.
    /// </summary>
    public static SingleByteTable JisX0201Katakana()
    {
        var upper = new char[128];
        for (var i = 0; i < upper.Length; i++)
        {
            var b = 0x80 + i;
            upper[i] = b is >= 0xA1 and <= 0xDF ? (char)(0xFF61 + (b - 0xA1)) : CodePages.Replacement;
        }

        return new SingleByteTable(upper);
    }

    /// <summary>Decodes one byte: ASCII below 0x80, the table above.</summary>
    public char Decode(byte b) => b < 0x80 ? (char)b : _upper[b - 0x80];

    /// <summary>Decodes a whole value; the string is the only allocation.</summary>
    public string Decode(ReadOnlySpan<byte> value) =>
        string.Create(value.Length, new DecodeState(value, this), static (chars, state) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = state.Table.Decode(state.Bytes[i]);
            }
        });

    /// <summary>Finds the right-half byte (0x80-0xFF) for a character.</summary>
    public bool TryEncodeUpper(char c, out byte value) => _reverse.TryGetValue(c, out value);

    private readonly ref struct DecodeState(ReadOnlySpan<byte> bytes, SingleByteTable table)
    {
        public ReadOnlySpan<byte> Bytes { get; } = bytes;

        public SingleByteTable Table { get; } = table;
    }
}
