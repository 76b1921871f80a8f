using System.Globalization;
using System.Text.RegularExpressions;
using NodeAgent.Dicom;

namespace NodeAgent.Testing;

/// <summary>
/// Reads the text that DCMTK's <c>dcmdump</c> (3.6.7, Debian 12) writes to standard output, so tests can check what
/// a reference reader sees in a file we wrote.
/// </summary>
/// <remarks>
/// <para>
/// The parser reads dcmdump's default <b>indented</b> layout (<c>-T</c>, <c>--print-indented</c>): one record per
/// element, sequence, item, fragment and delimiter, <c>(gggg,eeee) VR value  # length, VM keyword</c>, indented two
/// spaces per nesting level, and <c>#</c> comment lines. It does <b>not</b> read <c>+T</c> (<c>--print-tree</c>, which
/// prints keywords instead of tags) nor <c>+C</c> (<c>--print-color</c>, ANSI escapes); those throw
/// <see cref="FormatException"/>. Only standard output is parsed: dcmdump's warnings and errors (<c>W:</c>, <c>E:</c>,
/// <c>F:</c>) go to standard error.
/// </para>
/// <para>Every other output option is understood, so a test can choose:</para>
/// <list type="bullet">
/// <item><c>+L</c> (<c>--print-all</c>) prints whole values. Without it (the default <c>-L</c>) long values end in
/// <c>...</c>, a bracketed string loses its closing bracket, and <see cref="DcmdumpRecord.IsTruncated"/> is true.</item>
/// <item><c>-Un</c> (<c>--no-uid-names</c>) prints UIDs as <c>[1.2.840.10008.1.2.1]</c>. The default <c>+Un</c>
/// prints well-known UIDs as <c>=LittleEndianExplicit</c> (<see cref="DcmdumpValueKind.UidName"/>).</item>
/// <item><c>-M</c> (<c>--load-short</c>, with <c>+R</c>) leaves long values unread: <see cref="DcmdumpValueKind.NotLoaded"/>.</item>
/// <item><c>+U8</c> (<c>--convert-to-utf8</c>) converts text to UTF-8. Use it (or <c>+Qn</c>/<c>+Qo</c>) when values may
/// be non-ASCII: dcmdump otherwise writes the file's own bytes (Latin-1, GB18030…), which do not survive decoding the
/// output as UTF-8. Note that <c>+U8</c> also prints (0008,0005) as <c>ISO_IR 192</c>, and that dcmdump exits with 1
/// when it cannot convert (ISO 2022 IR 87 is not supported by Debian's iconv).</item>
/// <item><c>+Qn</c>/<c>+Qo</c> (quote non-ASCII and control characters as <c>&amp;#nnn;</c> or <c>\ooo</c>, byte by
/// byte) are kept verbatim in <see cref="DcmdumpRecord.Value"/>. With the default <c>-Qn</c>, a CR or LF in a value
/// breaks it over several output lines; the parser joins them with <c>\n</c> into one record.</item>
/// <item><c>+F</c> (<c>--print-filename</c>) prints <c># dcmdump (i/n): name</c> before each file; use it with several
/// files or <c>+sd</c>, and read the result with <see cref="ParseFiles"/>.</item>
/// <item><c>+P tag</c> (<c>--search</c>) prints only the matches; add <c>+p</c> (<c>--prepend</c>) so each match carries
/// its enclosing sequences, <c>(300a,0070).(300c,0004).(300a,0082)</c>, which become
/// <see cref="DcmdumpRecord.Path"/>, and <see cref="DcmdumpRecord.Depth"/> is what the full dump would show (each
/// enclosing sequence adds two levels: the sequence and its item). Without <c>+p</c> a nested match reads as depth 0.</item>
/// <item><c>+E</c> (print damaged files) and the input options (<c>-f</c>, <c>-t?</c>, <c>+ui</c>…) do not change the layout.</item>
/// </list>
/// <para>
/// <see cref="RecommendedArguments"/> (<c>+L -Un</c>) gives whole values and raw UIDs, which is what a comparison
/// with our own reader or writer wants; add <c>+U8</c> for non-ASCII text.
/// </para>
/// </remarks>
public static partial class DcmdumpParser
{
    /// <summary>The flags for comparing values: <c>+L</c> (whole values) and <c>-Un</c> (UIDs as numbers).</summary>
    public static IReadOnlyList<string> RecommendedArguments { get; } = ["+L", "-Un"];

    /// <summary>Parses the output for one or more files into one flat list of records, in output order.</summary>
    /// <exception cref="FormatException">A line is not in dcmdump's indented layout; the message names the line.</exception>
    public static IReadOnlyList<DcmdumpRecord> Parse(string output) =>
        ParseFiles(output).SelectMany(file => file.Records).ToList();

    /// <summary>Parses the output for exactly one file.</summary>
    /// <exception cref="FormatException">The output is not dcmdump's indented layout, or holds more than one file.</exception>
    public static DcmdumpFile ParseFile(string output)
    {
        var files = ParseFiles(output);
        return files.Count switch
        {
            0 => new DcmdumpFile { Records = [] },
            1 => files[0],
            _ => throw new FormatException($"The dcmdump output holds {files.Count} files; expected one. Use ParseFiles."),
        };
    }

    /// <summary>
    /// Parses the output for one or more files. A new file starts at a <c>+F</c> header (<c># dcmdump (i/n): name</c>),
    /// or at <c># Dicom-File-Format</c> (or a second <c># Dicom-Data-Set</c>) after records of the previous file.
    /// </summary>
    /// <exception cref="FormatException">A line is not in dcmdump's indented layout; the message names the line.</exception>
    public static IReadOnlyList<DcmdumpFile> ParseFiles(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var state = new DcmdumpParseState();
        var lines = output.Split('\n');
        string? pending = null;
        var pendingLine = 0;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var lineNumber = index + 1;
            if (pending is not null)
            {
                // A CR or LF inside a value (printed raw by the default -Qn) continues the record on the next line.
                pending = pending + "\n" + line;
                if (TryParseRecord(pending, pendingLine, state))
                {
                    pending = null;
                }

                continue;
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed[0] == '#')
            {
                state.Comment(trimmed);
                continue;
            }

            if (!RecordStartPattern().IsMatch(line))
            {
                throw new FormatException(
                    $"dcmdump output line {lineNumber} is not a record, a comment or a blank line: '{Shorten(line)}'. " +
                    "The parser reads dcmdump's indented layout (-T, the default), not +T or +C.");
            }

            if (!TryParseRecord(line, lineNumber, state))
            {
                // Only a bracketed string can hold a raw CR or LF; anything else without a trailer is not dcmdump's.
                if (!RecordStartPattern().Match(line).Groups["rest"].Value.StartsWith('['))
                {
                    throw new FormatException(
                        $"dcmdump output line {lineNumber} has no '# length, VM, keyword' trailer: '{Shorten(line)}'.");
                }

                pending = line;
                pendingLine = lineNumber;
            }
        }

        if (pending is not null)
        {
            throw new FormatException(
                $"The dcmdump record starting at line {pendingLine} has no '# length, VM, keyword' trailer: '{Shorten(pending)}'.");
        }

        return state.Finish();
    }

    private static bool TryParseRecord(string text, int lineNumber, DcmdumpParseState state)
    {
        var start = RecordStartPattern().Match(text);
        var trailer = TrailerPattern().Match(start.Groups["rest"].Value);
        if (!trailer.Success)
        {
            return false;
        }

        var indent = start.Groups["indent"].Length;
        if (indent % 2 != 0)
        {
            throw new FormatException($"dcmdump output line {lineNumber} is indented by an odd number of spaces ({indent}).");
        }

        var prefix = start.Groups["prefix"].Captures.Select(c => ParseTag(c.Value[1..10])).ToList();
        var tag = new DicomTag(ParseHex(start.Groups["group"].Value), ParseHex(start.Groups["element"].Value));
        var vr = start.Groups["vr"].Value;
        var value = trailer.Groups["value"].Value;
        var kind = KindOf(tag, vr, value);
        var valueKind = ValueKindOf(kind, value);
        var count = valueKind == DcmdumpValueKind.Structure && ChildCountPattern().Match(value) is { Success: true } c
            ? int.Parse(c.Groups["count"].Value, CultureInfo.InvariantCulture)
            : (int?)null;
        var length = trailer.Groups["length"].Value == "u/l"
            ? (long?)null
            : long.Parse(trailer.Groups["length"].Value, CultureInfo.InvariantCulture);
        var (depth, path) = state.Place(indent / 2, prefix, tag, kind);
        state.Add(new DcmdumpRecord
        {
            Depth = depth,
            Path = path,
            Tag = tag,
            VR = vr,
            Value = value,
            ValueKind = valueKind,
            Kind = kind,
            Length = length,
            Multiplicity = int.Parse(trailer.Groups["vm"].Value, CultureInfo.InvariantCulture),
            Keyword = trailer.Groups["keyword"].Value.TrimEnd(),
            ChildCount = count,
            Section = state.Section,
            LineNumber = lineNumber,
        });
        return true;
    }

    private static DcmdumpRecordKind KindOf(DicomTag tag, string vr, string value)
    {
        if (tag == DicomTag.Item)
        {
            return vr == "pi" ? DcmdumpRecordKind.Fragment : DcmdumpRecordKind.Item;
        }

        if (tag == DicomTag.ItemDelimitation)
        {
            return DcmdumpRecordKind.ItemDelimitation;
        }

        if (tag == DicomTag.SequenceDelimitation)
        {
            return DcmdumpRecordKind.SequenceDelimitation;
        }

        if (vr == "SQ")
        {
            return DcmdumpRecordKind.Sequence;
        }

        return value.StartsWith("(PixelSequence", StringComparison.Ordinal)
            ? DcmdumpRecordKind.PixelSequence
            : DcmdumpRecordKind.Element;
    }

    private static DcmdumpValueKind ValueKindOf(DcmdumpRecordKind kind, string value)
    {
        if (kind is not (DcmdumpRecordKind.Element or DcmdumpRecordKind.Fragment))
        {
            return DcmdumpValueKind.Structure;
        }

        return value switch
        {
            "(no value available)" => DcmdumpValueKind.Empty,
            "(not loaded)" => DcmdumpValueKind.NotLoaded,
            _ when value.StartsWith('[') => DcmdumpValueKind.Text,
            _ when value.StartsWith('=') => DcmdumpValueKind.UidName,
            _ => DcmdumpValueKind.Plain,
        };
    }

    private static DicomTag ParseTag(string groupCommaElement) =>
        new(ParseHex(groupCommaElement[..4]), ParseHex(groupCommaElement[5..]));

    private static ushort ParseHex(string digits) =>
        ushort.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";

    // Optional "+p" prefix of enclosing sequences, then the tag, a two-character VR and the rest of the line(s).
    [GeneratedRegex(
        @"^(?<indent> *)(?<prefix>\([0-9a-fA-F]{4},[0-9a-fA-F]{4}\)\.)*\((?<group>[0-9a-fA-F]{4}),(?<element>[0-9a-fA-F]{4})\) (?<vr>\S\S) (?<rest>.*)$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex RecordStartPattern();

    // The value, padding, then "# length, VM keyword" (length right-aligned in 3, VM in 2, "u/l" for undefined).
    // The keyword holds no '#', so this is the last '#' of the record even when the value contains one.
    [GeneratedRegex(
        @"^(?<value>.*?) *# *(?<length>\d+|u/l), *(?<vm>\d+) (?<keyword>[^#\n]*)$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TrailerPattern();

    [GeneratedRegex(@"#=(?<count>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ChildCountPattern();
}
