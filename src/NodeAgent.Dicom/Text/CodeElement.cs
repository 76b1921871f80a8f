using System.Text;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// A graphic character set that ISO 2022 designates to G0 (invoked in GL, bytes 0x21-0x7E) or G1 (invoked in
/// GR, bytes 0xA1-0xFE), with the escape sequence that designates it (PS3.3 Tables C.12-3 and C.12-4).
/// Tables are built on first use, so a process that only meets Latin-1 and UTF-8 never loads the CJK ones.
/// </summary>
internal sealed class CodeElement
{
    private readonly Lazy<SingleByteTable>? _single;
    private readonly Lazy<DoubleByteTable>? _double;

    private CodeElement(string name, string designation, Lazy<SingleByteTable>? single, Lazy<DoubleByteTable>? dbcs)
    {
        Name = name;
        Designation = Encoding.ASCII.GetBytes(designation);
        // ISO 2022 §14: the last intermediate byte names the target, '(' for G0, ')' (94-set) or '-' (96-set) for G1.
        IsG1 = designation[^2] is ')' or '-';
        _single = single;
        _double = dbcs;
    }

    /// <summary>ISO-IR 6 (ASCII) in G0: ESC ( B.</summary>
    public static CodeElement IsoIr6 { get; } = new("ISO-IR 6", "(B", null, null);

    /// <summary>
    /// ISO-IR 14 (JIS X 0201 romaji) in G0: ESC ( J. Decoded as ASCII: 05/12 and 07/14 are strictly YEN SIGN
    /// and OVERLINE, but 05/12 is also the DICOM value delimiter, and pydicom (Python's shift_jis) reads them as ASCII too.
    /// </summary>
    public static CodeElement IsoIr14 { get; } = new("ISO-IR 14", "(J", null, null);

    /// <summary>ISO-IR 13 (JIS X 0201 katakana) in G1: ESC ) I.</summary>
    public static CodeElement IsoIr13 { get; } = new("ISO-IR 13", ")I", new(SingleByteTable.JisX0201Katakana), null);

    /// <summary>ISO-IR 100 (Latin alphabet No. 1, ISO 8859-1) in G1: ESC - A.</summary>
    public static CodeElement IsoIr100 { get; } = new("ISO-IR 100", "-A", new(() => SingleByteTable.Latin1), null);

    /// <summary>ISO-IR 101 (Latin alphabet No. 2, ISO 8859-2) in G1: ESC - B.</summary>
    public static CodeElement IsoIr101 { get; } = SingleByte("ISO-IR 101", "-B", 28592);

    /// <summary>ISO-IR 109 (Latin alphabet No. 3, ISO 8859-3) in G1: ESC - C.</summary>
    public static CodeElement IsoIr109 { get; } = SingleByte("ISO-IR 109", "-C", 28593);

    /// <summary>ISO-IR 110 (Latin alphabet No. 4, ISO 8859-4) in G1: ESC - D.</summary>
    public static CodeElement IsoIr110 { get; } = SingleByte("ISO-IR 110", "-D", 28594);

    /// <summary>
    /// ISO-IR 126 (Greek, ISO 8859-7) in G1: ESC - F. Code page 28597 has the modifier letters U+02BD/U+02BC for
    /// the quotation marks at 0xA1/0xA2 and lacks the 2003 additions (euro, drachma, ypogegrammeni), which we
    /// read as ISO 8859-7:2003 and pydicom do.
    /// </summary>
    public static CodeElement IsoIr126 { get; } = SingleByte(
        "ISO-IR 126", "-F", 28597, (0xA1, '\u2018'), (0xA2, '\u2019'), (0xA4, '\u20AC'), (0xA5, '\u20AF'), (0xAA, '\u037A'));

    /// <summary>ISO-IR 127 (Arabic, ISO 8859-6) in G1: ESC - G.</summary>
    public static CodeElement IsoIr127 { get; } = SingleByte("ISO-IR 127", "-G", 28596);

    /// <summary>
    /// ISO-IR 138 (Hebrew, ISO 8859-8) in G1: ESC - H. Code page 28598 has OVERLINE for the MACRON at 0xAF and
    /// lacks the direction marks at 0xFD/0xFE that ISO 8859-8:1999 added.
    /// </summary>
    public static CodeElement IsoIr138 { get; } = SingleByte(
        "ISO-IR 138", "-H", 28598, (0xAF, '\u00AF'), (0xFD, '\u200E'), (0xFE, '\u200F'));

    /// <summary>ISO-IR 144 (Cyrillic, ISO 8859-5) in G1: ESC - L.</summary>
    public static CodeElement IsoIr144 { get; } = SingleByte("ISO-IR 144", "-L", 28595);

    /// <summary>ISO-IR 148 (Latin alphabet No. 5, ISO 8859-9) in G1: ESC - M.</summary>
    public static CodeElement IsoIr148 { get; } = SingleByte("ISO-IR 148", "-M", 28599);

    /// <summary>
    /// ISO-IR 166 (Thai, TIS 620-2533) in G1: ESC - T. Code page 874 is TIS-620 plus a few Windows
    /// punctuation marks in 0x80-0x9F, which we accept rather than reject.
    /// </summary>
    public static CodeElement IsoIr166 { get; } = SingleByte("ISO-IR 166", "-T", 874);

    /// <summary>ISO-IR 203 (Latin alphabet No. 9, ISO 8859-15) in G1: ESC - b.</summary>
    public static CodeElement IsoIr203 { get; } = SingleByte("ISO-IR 203", "-b", 28605);

    /// <summary>ISO-IR 87 (JIS X 0208 kanji) in G0: ESC $ B; read through EUC-JP (code page 20932).</summary>
    public static CodeElement IsoIr87 { get; } = DoubleByte("ISO-IR 87", "$B", 20932, highTrail: true);

    /// <summary>
    /// ISO-IR 159 (JIS X 0212 supplementary kanji) in G0: ESC $ ( D; code page 20932 holds it as a lead byte
    /// with the high bit and a 7-bit trail byte (its form of EUC-JP's 0x8F prefix). It leaves out TILDE (0x2237)
    /// and NUMERO SIGN (0x2271), which we add as unicode.org's JIS0212.TXT and pydicom have them.
    /// </summary>
    public static CodeElement IsoIr159 { get; } = DoubleByte(
        "ISO-IR 159", "$(D", 20932, highTrail: false, (0x2237, '~'), (0x2271, '\u2116'));

    /// <summary>
    /// ISO-IR 149 (KS X 1001 Hangul and Hanja) in G1: ESC $ ) C. Read through code page 949 (UHC, which equals
    /// EUC-KR for GR pairs) rather than 51949, whose table maps KS X 1001 0x3453 to U+B2D6 instead of U+B2D2.
    /// </summary>
    public static CodeElement IsoIr149 { get; } = DoubleByte("ISO-IR 149", "$)C", 949, highTrail: true);

    /// <summary>
    /// ISO-IR 58 (GB 2312 simplified Chinese) in G1: ESC $ ) A; read through EUC-CN (code page 936). Like GBK and
    /// GB18030, that reads 0x2124 as MIDDLE DOT and 0x212A as EM DASH where Python's gb2312 codec has U+30FB, U+2015.
    /// </summary>
    public static CodeElement IsoIr58 { get; } = DoubleByte("ISO-IR 58", "$)A", 936, highTrail: true);

    /// <summary>Every element the decoder recognises an escape sequence for.</summary>
    public static IReadOnlyList<CodeElement> All { get; } =
    [
        IsoIr6, IsoIr14, IsoIr13, IsoIr100, IsoIr101, IsoIr109, IsoIr110, IsoIr126, IsoIr127, IsoIr138,
        IsoIr144, IsoIr148, IsoIr166, IsoIr203, IsoIr87, IsoIr159, IsoIr149, IsoIr58,
    ];

    /// <summary>The registration name, e.g. "ISO-IR 87".</summary>
    public string Name { get; }

    /// <summary>The escape sequence that designates this element, without the leading ESC.</summary>
    public byte[] Designation { get; }

    /// <summary>True when the element is designated to G1 (used in GR), false for G0 (GL).</summary>
    public bool IsG1 { get; }

    /// <summary>True for the 94-character G0 sets read as ASCII (ISO-IR 6 and ISO-IR 14).</summary>
    public bool IsAscii => _single is null && _double is null;

    /// <summary>True for the 94×94 double-byte sets.</summary>
    public bool IsDoubleByte => _double is not null;

    /// <summary>The right-half table of a single-byte G1 set.</summary>
    public SingleByteTable SingleByteTable =>
        _single?.Value ?? throw new InvalidOperationException($"{Name} is not a single-byte G1 set.");

    /// <summary>The table of a double-byte set.</summary>
    public DoubleByteTable DoubleByteTable =>
        _double?.Value ?? throw new InvalidOperationException($"{Name} is not a double-byte set.");

    /// <summary>The element an escape sequence (without ESC) designates, or null when we do not know it.</summary>
    public static CodeElement? FromDesignation(ReadOnlySpan<byte> sequence)
    {
        foreach (var element in All)
        {
            if (sequence.SequenceEqual(element.Designation))
            {
                return element;
            }
        }

        // ESC $ @ designates JIS C 6226-1978, the predecessor of JIS X 0208; older Japanese systems still send it.
        return sequence.SequenceEqual("$@"u8) ? IsoIr87 : null;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static CodeElement SingleByte(string name, string designation, int codePage, params (byte, char)[] corrections) =>
        new(name, designation, new(() => SingleByteTable.FromCodePage(codePage, corrections)), null);

    private static CodeElement DoubleByte(string name, string designation, int codePage, bool highTrail, params (ushort, char)[] corrections) =>
        new(name, designation, null, new(() => DoubleByteTable.FromCodePage(codePage, highTrail, corrections)));
}
