using NodeAgent.Dicom.IO;

namespace NodeAgent.Dicom;

/// <summary>
/// Encapsulated pixel data (PS3.5 §A.4): a Basic Offset Table followed by fragments, kept exactly as received
/// so that compressed pixel data is never decoded or re-encoded.
/// </summary>
public sealed class DicomFragmentSequence : DicomItem
{
    private readonly List<ByteSource> _fragments = [];

    /// <summary>Creates an encapsulated value with an offset table (possibly empty) and fragments.</summary>
    public DicomFragmentSequence(DicomTag tag, DicomVR vr, ByteSource offsetTable, IEnumerable<ByteSource> fragments) : base(tag, vr)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        OffsetTable = offsetTable ?? throw new ArgumentNullException(nameof(offsetTable));
        _fragments.AddRange(fragments);
    }

    /// <summary>The Basic Offset Table item's value (empty when the table is empty).</summary>
    public ByteSource OffsetTable { get; }

    /// <summary>The fragments, in order.</summary>
    public IReadOnlyList<ByteSource> Fragments => _fragments;
}
