using NodeAgent.Dicom;

namespace NodeAgent.Testing;

/// <summary>
/// One element, sequence, item, fragment or delimiter as dcmdump printed it:
/// <c>(gggg,eeee) VR value  # length, VM keyword</c>, indented two spaces per nesting level.
/// </summary>
public sealed record DcmdumpRecord
{
    /// <summary>The nesting level: 0 for the top level, +1 for an item inside a sequence, +1 for the item's elements.</summary>
    public required int Depth { get; init; }

    /// <summary>
    /// The tags of the enclosing sequences (and encapsulated pixel data), outermost first; items are not listed.
    /// This is the notation of dcmdump's <c>+P tag +p</c>, <c>(300a,0070).(300c,0004).(300a,0082)</c>.
    /// </summary>
    public required IReadOnlyList<DicomTag> Path { get; init; }

    /// <summary>The tag.</summary>
    public required DicomTag Tag { get; init; }

    /// <summary>
    /// The VR as printed: a DICOM VR, or one of DCMTK's internal names: <c>na</c> (items and delimiters),
    /// <c>pi</c> (pixel fragments), <c>??</c> (unknown), <c>xs</c>/<c>ox</c>/<c>lt</c> (VR depends on other elements),
    /// <c>up</c> (DICOMDIR offsets).
    /// </summary>
    public required string VR { get; init; }

    /// <summary>The value exactly as printed, brackets included, without the padding before the <c>#</c> trailer.</summary>
    public required string Value { get; init; }

    /// <summary>How the value was printed.</summary>
    public required DcmdumpValueKind ValueKind { get; init; }

    /// <summary>What the record stands for.</summary>
    public required DcmdumpRecordKind Kind { get; init; }

    /// <summary>The value length in bytes from the trailer; null when it was <c>u/l</c> (undefined length).</summary>
    public required long? Length { get; init; }

    /// <summary>The value multiplicity from the trailer.</summary>
    public required int Multiplicity { get; init; }

    /// <summary>The keyword from the trailer (<c>PatientName</c>, <c>Item</c>, <c>Unknown Tag &amp; Data</c>, <c>PrivateCreator</c>…).</summary>
    public required string Keyword { get; init; }

    /// <summary>For sequences, items and pixel sequences, the <c>#=n</c> count: items, elements or fragments directly inside.</summary>
    public int? ChildCount { get; init; }

    /// <summary>The file section the record was printed in.</summary>
    public DcmdumpSection Section { get; init; }

    /// <summary>The 1-based line of dcmdump's output where the record starts.</summary>
    public int LineNumber { get; init; }

    /// <summary>True when the trailer said <c>u/l</c>.</summary>
    public bool IsUndefinedLength => Length is null;

    /// <summary>
    /// True when dcmdump shortened the value (its default <c>-L</c>): it then ends in <c>...</c>, and a bracketed
    /// string loses its closing bracket. Run with <c>+L</c> to get whole values.
    /// </summary>
    public bool IsTruncated => ValueKind switch
    {
        DcmdumpValueKind.Text => !Value.EndsWith(']') && Value.EndsWith("...", StringComparison.Ordinal),
        DcmdumpValueKind.Plain => Value.EndsWith("...", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The value without dcmdump's decoration: the text inside the brackets, the UID name after <c>=</c>, a plain value
    /// as is, and the empty string for empty, unloaded and structural values.
    /// </summary>
    public string Text => ValueKind switch
    {
        DcmdumpValueKind.Text => Value.EndsWith(']') ? Value[1..^1] : Value[1..],
        DcmdumpValueKind.UidName => Value[1..],
        DcmdumpValueKind.Plain => Value,
        _ => "",
    };

    /// <summary>
    /// <see cref="Text"/> split at backslashes when the multiplicity is above 1; one value when it is 1; none when 0.
    /// For OB/OW/UN the single value is the whole hexadecimal dump.
    /// </summary>
    public IReadOnlyList<string> Values => Multiplicity switch
    {
        0 => [],
        1 => [Text],
        _ => Text.Split('\\'),
    };
}
