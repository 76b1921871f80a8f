namespace NodeAgent.Dicom;

/// <summary>A Value Representation (PS3.5 §6.2): how a data element's value is encoded.</summary>
public sealed class DicomVR
{
    private static readonly Dictionary<ushort, DicomVR> ByCode = [];

    private DicomVR(string code, DicomVRKind kind, bool longLength, int unitSize, byte padding, long maxLength, bool charsetDependent)
    {
        Code = code;
        Kind = kind;
        HasLongLength = longLength;
        UnitSize = unitSize;
        PaddingByte = padding;
        MaxLength = maxLength;
        IsCharacterSetDependent = charsetDependent;
        ByCode[Pack(code[0], code[1])] = this;
    }

    /// <summary>The two-letter code, e.g. "PN".</summary>
    public string Code { get; }

    /// <summary>What kind of value the VR holds.</summary>
    public DicomVRKind Kind { get; }

    /// <summary>
    /// True when explicit VR encoding uses two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1),
    /// false when it uses a 16-bit length.
    /// </summary>
    public bool HasLongLength { get; }

    /// <summary>The size in bytes of one binary number, for byte swapping; 1 for strings and bytes.</summary>
    public int UnitSize { get; }

    /// <summary>The byte that pads a value to even length: a space for text, NUL for UI and binary.</summary>
    public byte PaddingByte { get; }

    /// <summary>The largest value length (bytes) the standard allows per value, or -1 when unbounded.</summary>
    public long MaxLength { get; }

    /// <summary>True when the value is text decoded through the Specific Character Set (0008,0005).</summary>
    public bool IsCharacterSetDependent { get; }

    /// <summary>True for text VRs.</summary>
    public bool IsString => Kind is DicomVRKind.Text or DicomVRKind.MultiValueText;

    /// <summary>True for VRs whose value may hold several values separated by a backslash.</summary>
    public bool IsMultiValueText => Kind == DicomVRKind.MultiValueText;

    /// <summary>Application Entity.</summary>
    public static DicomVR AE { get; } = new("AE", DicomVRKind.MultiValueText, false, 1, 0x20, 16, false);
    /// <summary>Age String.</summary>
    public static DicomVR AS { get; } = new("AS", DicomVRKind.MultiValueText, false, 1, 0x20, 4, false);
    /// <summary>Attribute Tag.</summary>
    public static DicomVR AT { get; } = new("AT", DicomVRKind.Tag, false, 2, 0x00, 4, false);
    /// <summary>Code String.</summary>
    public static DicomVR CS { get; } = new("CS", DicomVRKind.MultiValueText, false, 1, 0x20, 16, false);
    /// <summary>Date.</summary>
    public static DicomVR DA { get; } = new("DA", DicomVRKind.MultiValueText, false, 1, 0x20, 18, false);
    /// <summary>Decimal String.</summary>
    public static DicomVR DS { get; } = new("DS", DicomVRKind.MultiValueText, false, 1, 0x20, 16, false);
    /// <summary>Date Time.</summary>
    public static DicomVR DT { get; } = new("DT", DicomVRKind.MultiValueText, false, 1, 0x20, 54, false);
    /// <summary>Floating Point Double.</summary>
    public static DicomVR FD { get; } = new("FD", DicomVRKind.Binary, false, 8, 0x00, 8, false);
    /// <summary>Floating Point Single.</summary>
    public static DicomVR FL { get; } = new("FL", DicomVRKind.Binary, false, 4, 0x00, 4, false);
    /// <summary>Integer String.</summary>
    public static DicomVR IS { get; } = new("IS", DicomVRKind.MultiValueText, false, 1, 0x20, 12, false);
    /// <summary>Long String.</summary>
    public static DicomVR LO { get; } = new("LO", DicomVRKind.MultiValueText, false, 1, 0x20, 64, true);
    /// <summary>Long Text.</summary>
    public static DicomVR LT { get; } = new("LT", DicomVRKind.Text, false, 1, 0x20, 10240, true);
    /// <summary>Other Byte.</summary>
    public static DicomVR OB { get; } = new("OB", DicomVRKind.Bytes, true, 1, 0x00, -1, false);
    /// <summary>Other Double.</summary>
    public static DicomVR OD { get; } = new("OD", DicomVRKind.Bytes, true, 8, 0x00, -1, false);
    /// <summary>Other Float.</summary>
    public static DicomVR OF { get; } = new("OF", DicomVRKind.Bytes, true, 4, 0x00, -1, false);
    /// <summary>Other Long.</summary>
    public static DicomVR OL { get; } = new("OL", DicomVRKind.Bytes, true, 4, 0x00, -1, false);
    /// <summary>Other 64-bit Very Long.</summary>
    public static DicomVR OV { get; } = new("OV", DicomVRKind.Bytes, true, 8, 0x00, -1, false);
    /// <summary>Other Word.</summary>
    public static DicomVR OW { get; } = new("OW", DicomVRKind.Bytes, true, 2, 0x00, -1, false);
    /// <summary>Person Name.</summary>
    public static DicomVR PN { get; } = new("PN", DicomVRKind.MultiValueText, false, 1, 0x20, 64 * 5, true);
    /// <summary>Short String.</summary>
    public static DicomVR SH { get; } = new("SH", DicomVRKind.MultiValueText, false, 1, 0x20, 16, true);
    /// <summary>Signed Long.</summary>
    public static DicomVR SL { get; } = new("SL", DicomVRKind.Binary, false, 4, 0x00, 4, false);
    /// <summary>Sequence of Items.</summary>
    public static DicomVR SQ { get; } = new("SQ", DicomVRKind.Sequence, true, 1, 0x00, -1, false);
    /// <summary>Signed Short.</summary>
    public static DicomVR SS { get; } = new("SS", DicomVRKind.Binary, false, 2, 0x00, 2, false);
    /// <summary>Short Text.</summary>
    public static DicomVR ST { get; } = new("ST", DicomVRKind.Text, false, 1, 0x20, 1024, true);
    /// <summary>Signed 64-bit Very Long.</summary>
    public static DicomVR SV { get; } = new("SV", DicomVRKind.Binary, true, 8, 0x00, 8, false);
    /// <summary>Time.</summary>
    public static DicomVR TM { get; } = new("TM", DicomVRKind.MultiValueText, false, 1, 0x20, 28, false);
    /// <summary>Unlimited Characters.</summary>
    public static DicomVR UC { get; } = new("UC", DicomVRKind.MultiValueText, true, 1, 0x20, -1, true);
    /// <summary>Unique Identifier.</summary>
    public static DicomVR UI { get; } = new("UI", DicomVRKind.MultiValueText, false, 1, 0x00, 64, false);
    /// <summary>Unsigned Long.</summary>
    public static DicomVR UL { get; } = new("UL", DicomVRKind.Binary, false, 4, 0x00, 4, false);
    /// <summary>Unknown.</summary>
    public static DicomVR UN { get; } = new("UN", DicomVRKind.Bytes, true, 1, 0x00, -1, false);
    /// <summary>Universal Resource Identifier or Locator.</summary>
    public static DicomVR UR { get; } = new("UR", DicomVRKind.Text, true, 1, 0x20, -1, false);
    /// <summary>Unsigned Short.</summary>
    public static DicomVR US { get; } = new("US", DicomVRKind.Binary, false, 2, 0x00, 2, false);
    /// <summary>Unlimited Text.</summary>
    public static DicomVR UT { get; } = new("UT", DicomVRKind.Text, true, 1, 0x20, -1, true);
    /// <summary>Unsigned 64-bit Very Long.</summary>
    public static DicomVR UV { get; } = new("UV", DicomVRKind.Binary, true, 8, 0x00, 8, false);

    /// <summary>All 34 VRs of PS3.5 Table 6.2-1.</summary>
    public static IReadOnlyCollection<DicomVR> All => ByCode.Values;

    /// <summary>Finds the VR for two code bytes as they appear in an explicit VR stream.</summary>
    public static bool TryParse(byte first, byte second, out DicomVR vr) =>
        ByCode.TryGetValue(Pack((char)first, (char)second), out vr!);

    /// <summary>Finds the VR for a two-letter code.</summary>
    public static DicomVR Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length == 2 && ByCode.TryGetValue(Pack(code[0], code[1]), out var vr))
        {
            return vr;
        }

        throw new FormatException($"'{code}' is not a DICOM value representation.");
    }

    /// <inheritdoc/>
    public override string ToString() => Code;

    private static ushort Pack(char first, char second) => (ushort)((first << 8) | (second & 0xFF));
}
