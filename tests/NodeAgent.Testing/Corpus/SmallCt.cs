using NodeAgent.Dicom;

namespace NodeAgent.Testing.Corpus;

/// <summary>
/// A small but complete CT Image Storage instance (Patient, Study, Series, Frame of Reference, Equipment, Image
/// Plane, Image Pixel and CT Image modules), Explicit VR Little Endian, so the pipeline has nothing to quarantine.
/// The pixels are a ramp whose high bytes are zero: no run of pixel bytes can spell a marker, a UID or a name.
/// </summary>
public static class SmallCt
{
    /// <summary>CT Image Storage.</summary>
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>The header and pixels of one slice; the caller sets nothing else for a valid instance.</summary>
    public static DicomDataset Create(SyntheticPatient patient, SmallCtUids uids, string studyDate, int instanceNumber, int size = 64)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(uids);
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        dataset.AddOrUpdate(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, SopClassUid);
        dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uids.Instance);
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, studyDate);
        dataset.AddOrUpdate(DicomTags.SeriesDate, DicomVR.DA, studyDate);
        dataset.AddOrUpdate(DicomTags.ContentDate, DicomVR.DA, studyDate);
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "101530");
        dataset.AddOrUpdate(DicomTags.ContentTime, DicomVR.TM, "101531");
        dataset.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "ACC99812");
        dataset.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CT");
        dataset.AddOrUpdate(DicomTags.Manufacturer, DicomVR.LO, "ACME");
        dataset.AddOrUpdate(DicomTags.ReferringPhysicianName, DicomVR.PN, "Kildare^James");
        dataset.AddOrUpdate(DicomTags.StationName, DicomVR.SH, "CT01");
        dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, patient.PersonName);
        dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, patient.PatientId);
        dataset.AddOrUpdate(DicomTags.IssuerOfPatientID, DicomVR.LO, patient.Issuer);
        dataset.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, patient.BirthDate);
        dataset.AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, patient.Sex);
        dataset.AddOrUpdate(DicomTags.SliceThickness, DicomVR.DS, 1.0);
        dataset.AddOrUpdate(DicomTags.KVP, DicomVR.DS, 120.0);
        dataset.AddOrUpdate(DicomTags.PatientPosition, DicomVR.CS, "HFS");
        dataset.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, uids.Study);
        dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, uids.Series);
        dataset.AddOrUpdate(DicomTags.StudyID, DicomVR.SH, "1");
        dataset.AddOrUpdate(DicomTags.SeriesNumber, DicomVR.IS, 1);
        dataset.AddOrUpdate(DicomTags.AcquisitionNumber, DicomVR.IS, 1);
        dataset.AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, instanceNumber);
        dataset.AddOrUpdate(DicomTags.ImagePositionPatient, DicomVR.DS, -32.0, -32.0, -instanceNumber * 1.0);
        dataset.AddOrUpdate(DicomTags.ImageOrientationPatient, DicomVR.DS, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
        dataset.AddOrUpdate(DicomTags.FrameOfReferenceUID, DicomVR.UI, uids.FrameOfReference);
        dataset.AddOrUpdate(DicomTags.PositionReferenceIndicator, DicomVR.LO, "");
        dataset.AddOrUpdate(DicomTags.SliceLocation, DicomVR.DS, -instanceNumber * 1.0);
        dataset.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)size);
        dataset.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)size);
        dataset.AddOrUpdate(DicomTags.PixelSpacing, DicomVR.DS, 1.0, 1.0);
        dataset.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        dataset.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)12);
        dataset.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)11);
        dataset.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        dataset.AddOrUpdate(DicomTags.WindowCenter, DicomVR.DS, 40.0);
        dataset.AddOrUpdate(DicomTags.WindowWidth, DicomVR.DS, 400.0);
        dataset.AddOrUpdate(DicomTags.RescaleIntercept, DicomVR.DS, -1024.0);
        dataset.AddOrUpdate(DicomTags.RescaleSlope, DicomVR.DS, 1.0);
        dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, Pixels(size, instanceNumber)));
        return dataset;
    }

    /// <summary>Writes the slice as a Part 10 file in Explicit VR Little Endian.</summary>
    public static void Save(DicomDataset dataset, string path) =>
        new DicomFile(dataset, TransferSyntax.ExplicitVRLittleEndian).Save(path);

    private static byte[] Pixels(int size, int seed)
    {
        var pixels = new byte[size * size * 2];
        for (var i = 0; i < size * size; i++)
        {
            pixels[2 * i] = (byte)((i + seed) % 251);
        }

        return pixels;
    }
}
