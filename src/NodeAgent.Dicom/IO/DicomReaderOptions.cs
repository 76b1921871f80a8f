namespace NodeAgent.Dicom.IO;

/// <summary>How tolerant and how memory-hungry the reader may be.</summary>
public sealed record DicomReaderOptions
{
    /// <summary>The defaults: tolerant of common real-world faults, values of 1 MiB or more left on disk.</summary>
    public static DicomReaderOptions Default { get; } = new();

    /// <summary>
    /// Values of at least this many bytes are not loaded: they stay a reference into the source file, or are
    /// spooled to a temporary file when the source cannot seek. Pixel data is the usual case.
    /// </summary>
    public long LargeValueThreshold { get; init; } = 1 << 20;

    /// <summary>How deep sequences may nest before the input is refused (stops stack exhaustion by hostile input).</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>The largest number of bytes a deflated data set may inflate to (a bound against deflate bombs).</summary>
    public long MaxInflatedLength { get; init; } = 1L << 30;

    /// <summary>
    /// When true, faults the reader would otherwise tolerate with a warning (odd value lengths, a VR the
    /// stream does not spell, a missing sequence delimiter at the end of the data) are errors.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Where values read from a stream that cannot seek are spooled; the system temp directory when null.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>
    /// When true, a public element written with VR UN in explicit VR gets its dictionary VR, as its value is
    /// encoded in implicit VR little endian (PS3.5 §6.2.2); a UN whose dictionary VR is SQ is parsed as a sequence.
    /// </summary>
    public bool ResolveUnknownVR { get; init; } = true;
}
