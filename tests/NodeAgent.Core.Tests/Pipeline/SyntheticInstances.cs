using NodeAgent.Core.Tests.Deidentification;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>Small synthetic CT instances with identifying values and native pixel data.</summary>
internal static class SyntheticInstances
{
    /// <summary>A CT instance of <see cref="DeidentificationFixtures.Patient"/> with rows × columns 16-bit pixels.</summary>
    public static DicomDataset Ct(string instanceUid = DeidentificationFixtures.InstanceUid, int rows = 4, int columns = 4, int? pixelBytes = null, int bitsAllocated = 16)
    {
        var dataset = DeidentificationFixtures.Patient(instanceUid: instanceUid);
        dataset.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, (ushort)rows);
        dataset.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, (ushort)columns);
        dataset.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, (ushort)bitsAllocated);
        dataset.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, (ushort)bitsAllocated);
        dataset.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, (ushort)(bitsAllocated - 1));
        dataset.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        var length = pixelBytes ?? (rows * columns * bitsAllocated / 8);
        var pixels = new byte[length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 7);
        }

        dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, pixels));
        return dataset;
    }
}
