using NodeAgent.Dicom;

namespace NodeAgent.Testing;

/// <summary>The dump of one file: its records in output order, and what the header comments said about it.</summary>
public sealed record DcmdumpFile
{
    /// <summary>The file name from a <c>+F</c> header (<c># dcmdump (1/2): name</c>); null without <c>+F</c>.</summary>
    public string? FileName { get; init; }

    /// <summary>The transfer syntax dcmdump used for the File Meta Information, by name (<c>Little Endian Explicit</c>).</summary>
    public string? MetaTransferSyntax { get; init; }

    /// <summary>The transfer syntax dcmdump used for the data set, by name (<c>Little Endian Implicit</c>, <c>JPEG 2000 (Lossless only)</c>…).</summary>
    public string? DataSetTransferSyntax { get; init; }

    /// <summary>Every record in output order, nested ones included (see <see cref="DcmdumpRecord.Depth"/>).</summary>
    public required IReadOnlyList<DcmdumpRecord> Records { get; init; }

    /// <summary>The top-level record (depth 0, File Meta or data set) with this tag, or null.</summary>
    public DcmdumpRecord? Find(DicomTag tag) => Records.FirstOrDefault(r => r.Depth == 0 && r.Tag == tag);

    /// <summary>Every record with this tag, at any depth, in output order.</summary>
    public IEnumerable<DcmdumpRecord> FindAll(DicomTag tag) => Records.Where(r => r.Tag == tag);
}
