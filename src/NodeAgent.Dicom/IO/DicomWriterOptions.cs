namespace NodeAgent.Dicom.IO;

/// <summary>How sequences, group lengths and durability are handled when writing.</summary>
public sealed record DicomWriterOptions
{
    /// <summary>Undefined-length sequences, group lengths recalculated, no fsync.</summary>
    public static DicomWriterOptions Default { get; } = new();

    /// <summary>Whether sequences and items are written with undefined length (delimited) or defined length.</summary>
    public SequenceLengthEncoding SequenceLength { get; init; } = SequenceLengthEncoding.Undefined;

    /// <summary>
    /// Whether retired data set group length elements (gggg,0000) that are present are recalculated or removed.
    /// The File Meta group length is always written and always correct.
    /// </summary>
    public GroupLengthEncoding GroupLengths { get; init; } = GroupLengthEncoding.Recalculate;

    /// <summary>
    /// The syntax to write; null keeps an encapsulated (compressed) syntax and otherwise writes Explicit VR
    /// Little Endian. Explicit VR Big Endian is read but never written.
    /// </summary>
    public TransferSyntax? TransferSyntax { get; init; }

    /// <summary>When true, a saved file is fsync'd before it is renamed into place.</summary>
    public bool FlushToDisk { get; init; }
}

/// <summary>How sequence and item lengths are encoded.</summary>
public enum SequenceLengthEncoding
{
    /// <summary>Length 0xFFFFFFFF with delimitation items.</summary>
    Undefined,

    /// <summary>Explicit lengths, computed before writing.</summary>
    Defined,
}

/// <summary>What to do with retired data set group length elements.</summary>
public enum GroupLengthEncoding
{
    /// <summary>Keep those present, with their value recalculated.</summary>
    Recalculate,

    /// <summary>Drop them.</summary>
    Remove,
}
