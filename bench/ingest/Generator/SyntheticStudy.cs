using System.Buffers.Binary;
using NodeAgent.Dicom;

namespace NodeAgent.Bench.Ingest;

/// <summary>
/// One synthetic patient and CT study: each slice is a CT Image Storage instance with its own SOP Instance UID,
/// 512×512 unsigned 16-bit pixels (Bits Stored 12) in Explicit VR Little Endian, 512 KiB of pixel data. The
/// pixels are deterministic noise around soft-tissue values, so no layer can short-cut a run of zeros.
/// </summary>
internal sealed class SyntheticStudy
{
    private const int Size = 512;
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    private readonly string _studyUid = DicomUid.Generate();
    private readonly string _frameOfReferenceUid = DicomUid.Generate();
    private readonly string[] _seriesUids;

    public SyntheticStudy(int series) => _seriesUids = Enumerable.Range(0, series).Select(_ => DicomUid.Generate()).ToArray();

    public DicomFile CreateSlice(int slice, int series)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        dataset.AddOrUpdate(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, CtImageStorage);
        dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUid.Generate());
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20240101");
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "120000");
        dataset.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "BENCH0001");
        dataset.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CT");
        dataset.AddOrUpdate(DicomTags.Manufacturer, DicomVR.LO, "NodeAgent ingest benchmark");
        dataset.AddOrUpdate(DicomTags.ReferringPhysicianName, DicomVR.PN, "");
        dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Bench^Synthetic");
        dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "BENCH-0001");
        dataset.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        dataset.AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, "O");
        dataset.AddOrUpdate(DicomTags.SliceThickness, DicomVR.DS, 1.0);
        dataset.AddOrUpdate(DicomTags.KVP, DicomVR.DS, 120.0);
        dataset.AddOrUpdate(DicomTags.PatientPosition, DicomVR.CS, "HFS");
        dataset.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, _studyUid);
        dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, _seriesUids[series]);
        dataset.AddOrUpdate(DicomTags.StudyID, DicomVR.SH, "1");
        dataset.AddOrUpdate(DicomTags.SeriesNumber, DicomVR.IS, series + 1);
        dataset.AddOrUpdate(DicomTags.AcquisitionNumber, DicomVR.IS, 1);
        dataset.AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, slice + 1);
        dataset.AddOrUpdate(DicomTags.ImagePositionPatient, DicomVR.DS, -250.0, -250.0, -slice * 1.0);
        dataset.AddOrUpdate(DicomTags.ImageOrientationPatient, DicomVR.DS, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
        dataset.AddOrUpdate(DicomTags.FrameOfReferenceUID, DicomVR.UI, _frameOfReferenceUid);
        dataset.AddOrUpdate(DicomTags.PositionReferenceIndicator, DicomVR.LO, "");
        dataset.AddOrUpdate(DicomTags.SliceLocation, DicomVR.DS, -slice * 1.0);
        dataset.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)Size);
        dataset.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)Size);
        dataset.AddOrUpdate(DicomTags.PixelSpacing, DicomVR.DS, 0.9765625, 0.9765625);
        dataset.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        dataset.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)12);
        dataset.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)11);
        dataset.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        dataset.AddOrUpdate(DicomTags.WindowCenter, DicomVR.DS, 40.0);
        dataset.AddOrUpdate(DicomTags.WindowWidth, DicomVR.DS, 400.0);
        dataset.AddOrUpdate(DicomTags.RescaleIntercept, DicomVR.DS, -1024.0);
        dataset.AddOrUpdate(DicomTags.RescaleSlope, DicomVR.DS, 1.0);
        dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, Pixels(slice)));
        return new DicomFile(dataset, TransferSyntax.ExplicitVRLittleEndian);
    }

    private static byte[] Pixels(int slice)
    {
        var pixels = new byte[Size * Size * 2];
        var state = (uint)(slice + 1) * 2654435761u;
        for (var offset = 0; offset < pixels.Length; offset += 2)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(offset), (ushort)(1024 + 40 + (int)(state % 200)));
        }

        return pixels;
    }
}
