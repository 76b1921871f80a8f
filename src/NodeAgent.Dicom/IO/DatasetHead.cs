namespace NodeAgent.Dicom.IO;

/// <summary>
/// What precedes the pixel data of a data set arriving as bytes: every element before Pixel Data (7FE0,0010) at
/// the top level, parsed, and where the pixel data starts. Read by <see cref="DatasetHeadReader"/>.
/// </summary>
/// <param name="Dataset">The elements before the pixel data (the whole data set when it has none).</param>
/// <param name="PixelDataOffset">Where the Pixel Data element's tag starts in the bytes; -1 when there is none.</param>
/// <param name="PixelDataHeaderLength">The length of its element header: 8 in implicit VR, 12 in explicit VR.</param>
/// <param name="PixelDataVR">Its VR, OB or OW (in implicit VR, the one the reader of a whole file would give it).</param>
/// <param name="PixelDataLength">Its value length; <see cref="UndefinedLength"/> for encapsulated pixel data.</param>
public sealed record DatasetHead(DicomDataset Dataset, long PixelDataOffset, int PixelDataHeaderLength, DicomVR? PixelDataVR, uint PixelDataLength)
{
    /// <summary>The value length of encapsulated pixel data.</summary>
    public const uint UndefinedLength = 0xFFFF_FFFF;

    /// <summary>True when the data set has a Pixel Data element.</summary>
    public bool HasPixelData => PixelDataOffset >= 0;

    /// <summary>Where the pixel data's value (or its first fragment item) starts in the bytes.</summary>
    public long PixelDataValueOffset => PixelDataOffset + PixelDataHeaderLength;
}
