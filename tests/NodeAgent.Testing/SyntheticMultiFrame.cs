using NodeAgent.Dicom;

namespace NodeAgent.Testing;

/// <summary>
/// Writes a Multi-frame Grayscale Word instance of any size without holding its pixel data: the frames come
/// from a <see cref="PatternByteSource"/>, so memory tests can read and send gigabytes.
/// </summary>
public static class SyntheticMultiFrame
{
    /// <summary>Multi-frame Grayscale Word Secondary Capture Image Storage.</summary>
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.7.3";

    /// <summary>Writes <paramref name="frames"/> frames of rows × columns 16-bit pixels to <paramref name="path"/>; returns the pixel data length.</summary>
    public static long Write(string path, int frames, int rows = 512, int columns = 512)
    {
        var pixelLength = (long)frames * rows * columns * 2;
        var dataset = new DicomDataset()
            .AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, SopClassUid)
            .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUid.Generate())
            .AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1)
            .AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .AddOrUpdate(DicomTags.NumberOfFrames, DicomVR.IS, frames)
            .AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)rows)
            .AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)columns)
            .AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)16)
            .AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)16)
            .AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)15)
            .AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0)
            .AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, new PatternByteSource(pixelLength)));
        new DicomFile(dataset).Save(path);
        return pixelLength;
    }
}
