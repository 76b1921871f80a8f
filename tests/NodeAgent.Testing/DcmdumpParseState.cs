using System.Text.RegularExpressions;
using NodeAgent.Dicom;

namespace NodeAgent.Testing;

/// <summary>What <see cref="DcmdumpParser"/> knows between lines: the current file, section and enclosing sequences.</summary>
internal sealed partial class DcmdumpParseState
{
    private const string UsedTransferSyntax = "# Used TransferSyntax:";

    private readonly List<DcmdumpFile> _files = [];
    private readonly Stack<(int RelativeDepth, DicomTag Tag)> _sequences = new();
    private List<DcmdumpRecord> _records = [];
    private string? _fileName;
    private string? _metaTransferSyntax;
    private string? _dataSetTransferSyntax;
    private bool _started;
    private IReadOnlyList<DicomTag> _basePath = [];

    public DcmdumpSection Section { get; private set; }

    public void Comment(string comment)
    {
        if (FileHeaderPattern().Match(comment) is { Success: true } header)
        {
            StartFile(header.Groups["name"].Value);
            return;
        }

        switch (comment)
        {
            case "# Dicom-File-Format":
                if (_records.Count > 0)
                {
                    StartFile(null);
                }

                _started = true;
                return;
            case "# Dicom-Meta-Information-Header":
                Section = DcmdumpSection.FileMeta;
                _started = true;
                return;
            case "# Dicom-Data-Set":
                // A second data set without a file header: the next file of a multi-file dump without +F.
                if (Section == DcmdumpSection.DataSet && _records.Count > 0)
                {
                    StartFile(null);
                }

                Section = DcmdumpSection.DataSet;
                _started = true;
                return;
        }

        if (comment.StartsWith(UsedTransferSyntax, StringComparison.Ordinal))
        {
            var name = comment[UsedTransferSyntax.Length..].Trim();
            if (Section == DcmdumpSection.FileMeta)
            {
                _metaTransferSyntax = name;
            }
            else
            {
                _dataSetTransferSyntax = name;
            }
        }

        // Other comments (a DICOMDIR record's "#  offset=$396", …) carry nothing the records need.
    }

    /// <summary>Works out a record's depth and enclosing sequences, and remembers it if it opens a sequence.</summary>
    public (int Depth, IReadOnlyList<DicomTag> Path) Place(
        int indentLevel, IReadOnlyList<DicomTag> prefix, DicomTag tag, DcmdumpRecordKind kind)
    {
        if (indentLevel == 0)
        {
            // A top-level line; with +P +p its prefix names the sequences around the match, and the
            // match's own nested content is indented relative to it.
            _basePath = prefix;
            _sequences.Clear();
        }

        while (_sequences.Count > 0 && _sequences.Peek().RelativeDepth >= indentLevel)
        {
            _sequences.Pop();
        }

        IReadOnlyList<DicomTag> path = [.. _basePath, .. _sequences.Reverse().Select(s => s.Tag)];
        if (kind is DcmdumpRecordKind.Sequence or DcmdumpRecordKind.PixelSequence)
        {
            _sequences.Push((indentLevel, tag));
        }

        return ((2 * _basePath.Count) + indentLevel, path);
    }

    public void Add(DcmdumpRecord record)
    {
        _records.Add(record);
        _started = true;
    }

    public IReadOnlyList<DcmdumpFile> Finish()
    {
        if (_started || _fileName is not null)
        {
            StartFile(null);
        }

        return _files;
    }

    private void StartFile(string? nextFileName)
    {
        if (_started || _fileName is not null)
        {
            _files.Add(new DcmdumpFile
            {
                FileName = _fileName,
                MetaTransferSyntax = _metaTransferSyntax,
                DataSetTransferSyntax = _dataSetTransferSyntax,
                Records = _records,
            });
        }

        _records = [];
        _fileName = nextFileName;
        _metaTransferSyntax = null;
        _dataSetTransferSyntax = null;
        _started = false;
        _basePath = [];
        _sequences.Clear();
        Section = DcmdumpSection.None;
    }

    [GeneratedRegex(@"^# dcmdump \(\d+/\d+\): (?<name>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FileHeaderPattern();
}
