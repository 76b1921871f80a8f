namespace NodeAgent.Dicom;

/// <summary>
/// One entry of a data set: a <see cref="DicomElement"/>, a <see cref="DicomSequence"/> or a
/// <see cref="DicomFragmentSequence"/>.
/// </summary>
public abstract class DicomItem
{
    /// <summary>Creates an item with its tag and VR.</summary>
    protected DicomItem(DicomTag tag, DicomVR vr)
    {
        Tag = tag;
        VR = vr ?? throw new ArgumentNullException(nameof(vr));
    }

    /// <summary>The attribute tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The value representation.</summary>
    public DicomVR VR { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Tag} {VR}";
}
