using NodeAgent.Dicom.IO;

namespace NodeAgent.Dicom;

/// <summary>
/// A data element with a value: the raw little-endian bytes as encoded, padding included. Typed reading is done
/// through <see cref="DicomDataset"/> accessors, which know the character set.
/// </summary>
public sealed class DicomElement : DicomItem
{
    /// <summary>Creates an element over a byte source.</summary>
    public DicomElement(DicomTag tag, DicomVR vr, ByteSource data) : base(tag, vr)
    {
        if (vr == DicomVR.SQ)
        {
            throw new ArgumentException("A sequence is a DicomSequence, not a DicomElement.", nameof(vr));
        }

        Data = data ?? throw new ArgumentNullException(nameof(data));
    }

    /// <summary>Creates an element over bytes in memory.</summary>
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> data) : this(tag, vr, ByteSource.FromMemory(data))
    {
    }

    /// <summary>The value bytes, little-endian, as encoded (including any padding byte).</summary>
    public ByteSource Data { get; }

    /// <summary>The value length in bytes.</summary>
    public long Length => Data.Length;
}
