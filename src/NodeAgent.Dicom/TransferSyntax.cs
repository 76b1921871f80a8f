namespace NodeAgent.Dicom;

/// <summary>A transfer syntax (PS3.5 §10): how a data set is encoded on the wire or on disk.</summary>
public sealed record TransferSyntax
{
    private static readonly Dictionary<string, TransferSyntax> Known = new(StringComparer.Ordinal);

    private TransferSyntax(string uid, string name, bool isExplicitVR, bool isBigEndian, bool isDeflated, bool isEncapsulated, bool isRetired = false)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = isExplicitVR;
        IsBigEndian = isBigEndian;
        IsDeflated = isDeflated;
        IsEncapsulated = isEncapsulated;
        IsRetired = isRetired;
    }

    /// <summary>The transfer syntax UID.</summary>
    public string Uid { get; }

    /// <summary>The standard's name.</summary>
    public string Name { get; }

    /// <summary>True when each element carries its VR.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>True for the retired Explicit VR Big Endian.</summary>
    public bool IsBigEndian { get; }

    /// <summary>True when the whole data set after the file meta is deflated (RFC 1951).</summary>
    public bool IsDeflated { get; }

    /// <summary>True when pixel data is encapsulated (compressed) in fragments.</summary>
    public bool IsEncapsulated { get; }

    /// <summary>True when the standard has retired the syntax.</summary>
    public bool IsRetired { get; }

    /// <summary>True when the syntax was not in our table: it is assumed to be explicit VR LE with encapsulated pixel data.</summary>
    public bool IsUnknown { get; private init; }

    /// <summary>Implicit VR Little Endian, the DICOM default.</summary>
    public static TransferSyntax ImplicitVRLittleEndian { get; } = Register("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    /// <summary>Explicit VR Little Endian.</summary>
    public static TransferSyntax ExplicitVRLittleEndian { get; } = Register("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    /// <summary>Encapsulated Uncompressed Explicit VR Little Endian.</summary>
    public static TransferSyntax EncapsulatedUncompressed { get; } = Register("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", true, false, false, true);
    /// <summary>Deflated Explicit VR Little Endian.</summary>
    public static TransferSyntax DeflatedExplicitVRLittleEndian { get; } = Register("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    /// <summary>Explicit VR Big Endian (retired).</summary>
    public static TransferSyntax ExplicitVRBigEndian { get; } = Register("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false, isRetired: true);
    /// <summary>JPEG Baseline (Process 1).</summary>
    public static TransferSyntax JpegBaseline { get; } = Encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    /// <summary>JPEG Extended (Process 2 and 4).</summary>
    public static TransferSyntax JpegExtended { get; } = Encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
    /// <summary>JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1).</summary>
    public static TransferSyntax JpegLosslessSV1 { get; } = Encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])");
    /// <summary>JPEG-LS Lossless.</summary>
    public static TransferSyntax JpegLsLossless { get; } = Encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression");
    /// <summary>JPEG 2000 Lossless Only.</summary>
    public static TransferSyntax Jpeg2000Lossless { get; } = Encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)");
    /// <summary>JPEG 2000.</summary>
    public static TransferSyntax Jpeg2000 { get; } = Encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression");
    /// <summary>RLE Lossless.</summary>
    public static TransferSyntax RleLossless { get; } = Encapsulated("1.2.840.10008.1.2.5", "RLE Lossless");

    /// <summary>Every transfer syntax in the table.</summary>
    public static IReadOnlyCollection<TransferSyntax> All => Known.Values;

    static TransferSyntax()
    {
        Encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
        Encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression");
        Encapsulated("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)");
        Encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression");
        Encapsulated("1.2.840.10008.1.2.4.94", "JPIP Referenced");
        Encapsulated("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate");
        Encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level");
        Encapsulated("1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level");
        Encapsulated("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level");
        Encapsulated("1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level");
        Encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1");
        Encapsulated("1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1");
        Encapsulated("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1");
        Encapsulated("1.2.840.10008.1.2.4.103.1", "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1");
        Encapsulated("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video");
        Encapsulated("1.2.840.10008.1.2.4.104.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video");
        Encapsulated("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video");
        Encapsulated("1.2.840.10008.1.2.4.105.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video");
        Encapsulated("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2");
        Encapsulated("1.2.840.10008.1.2.4.106.1", "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2");
        Encapsulated("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1");
        Encapsulated("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1");
        Encapsulated("1.2.840.10008.1.2.4.110", "JPEG XL Lossless");
        Encapsulated("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression");
        Encapsulated("1.2.840.10008.1.2.4.112", "JPEG XL");
        Encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)");
        Encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)");
        Encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression");
        Encapsulated("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced");
        Encapsulated("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate");
        Encapsulated("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression");
        Encapsulated("1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation (retired)");
        Encapsulated("1.2.840.10008.1.2.6.2", "XML Encoding (retired)");
        foreach (var retiredJpeg in new[] { 52, 53, 54, 55, 56, 58, 59, 60, 61, 62, 63, 64, 65, 66 })
        {
            Encapsulated($"1.2.840.10008.1.2.4.{retiredJpeg}", $"JPEG (retired process, .{retiredJpeg})");
        }
    }

    /// <summary>
    /// Finds a transfer syntax by UID. An unknown UID is taken as an explicit VR little-endian syntax with
    /// encapsulated pixel data, the encoding every transfer syntax since 2000 uses; <see cref="IsUnknown"/> says so.
    /// </summary>
    public static TransferSyntax Lookup(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var key = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(key, out var syntax)
            ? syntax
            : new TransferSyntax(key, $"Unknown transfer syntax {key}", true, false, false, true) { IsUnknown = true };
    }

    /// <summary>Finds a transfer syntax we know by UID.</summary>
    public static bool TryLookup(string uid, out TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return Known.TryGetValue(uid.TrimEnd('\0', ' '), out syntax!);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{Uid}]";

    private static TransferSyntax Register(string uid, string name, bool isExplicitVR, bool isBigEndian, bool isDeflated, bool isEncapsulated, bool isRetired = false)
    {
        var syntax = new TransferSyntax(uid, name, isExplicitVR, isBigEndian, isDeflated, isEncapsulated, isRetired);
        Known[uid] = syntax;
        return syntax;
    }

    private static TransferSyntax Encapsulated(string uid, string name) => Register(uid, name, true, false, false, true);
}
