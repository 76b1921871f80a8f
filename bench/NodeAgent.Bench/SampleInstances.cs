using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;

namespace NodeAgent.Bench;

/// <summary>
/// The two benchmark inputs, shaped like what a CT scanner sends: a 512×512 16-bit CT Image (PS3.3 §A.3) with the
/// usual few dozen attributes, two sequences and a private block; and an Enhanced CT Image (PS3.3 §A.38) of
/// 400 such frames with shared and per-frame functional groups (one per-frame item per frame).
/// Every name and identifier is synthetic.
/// </summary>
internal static class SampleInstances
{
    public const string CtFileName = "ct-512x512x16.dcm";
    public const string MultiFrameFileName = "enhanced-ct-multiframe.dcm";

    /// <summary>400 frames of 512×512×16 bits: 200 MiB of pixel data.</summary>
    public const int DefaultFrames = 400;

    private const int Size = 512;
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    private const string EnhancedCtImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";
    private const double SliceSpacing = 1.25;

    public static DicomDataset BuildCt()
    {
        var dataset = CommonModules(CtImageStorage, "ORIGINAL", "PRIMARY", "AXIAL");
        dataset
            .AddOrUpdate(DicomTags.AcquisitionNumber, DicomVR.IS, "1")
            .AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, "42")
            .AddOrUpdate(DicomTags.ImagePositionPatient, DicomVR.DS, "-200", "-200", "-52.5")
            .AddOrUpdate(DicomTags.ImageOrientationPatient, DicomVR.DS, "1", "0", "0", "0", "1", "0")
            .AddOrUpdate(DicomTags.SliceLocation, DicomVR.DS, "-52.5")
            .AddOrUpdate(DicomTags.SliceThickness, DicomVR.DS, "1.25")
            .AddOrUpdate(DicomTags.PixelSpacing, DicomVR.DS, "0.78125", "0.78125")
            .AddOrUpdate(DicomTags.RescaleIntercept, DicomVR.DS, "-1024")
            .AddOrUpdate(DicomTags.RescaleSlope, DicomVR.DS, "1")
            .AddOrUpdate(DicomTags.RescaleType, DicomVR.LO, "HU")
            .AddOrUpdate(DicomTags.WindowCenter, DicomVR.DS, "40", "400")
            .AddOrUpdate(DicomTags.WindowWidth, DicomVR.DS, "400", "2000")
            .AddOrUpdate(new DicomSequence(
                DicomTags.ReferencedImageSequence,
                new DicomDataset()
                    .AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, CtImageStorage)
                    .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, DicomUid.Generate())));
        var pixels = new byte[Size * Size * 2];
        CtPhantom.Render(Size, Size, 42, pixels);
        return dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, ByteSource.FromMemory(pixels)));
    }

    public static DicomDataset BuildEnhancedCt(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var dataset = CommonModules(EnhancedCtImageStorage, "ORIGINAL", "PRIMARY", "AXIAL", "NONE");
        dataset
            .AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, "1")
            .AddOrUpdate(DicomTags.AcquisitionDateTime, DicomVR.DT, "20240115093012.000000")
            .AddOrUpdate(DicomTags.ContentQualification, DicomVR.CS, "PRODUCT")
            .AddOrUpdate(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .AddOrUpdate(DicomTags.PresentationLUTShape, DicomVR.CS, "IDENTITY")
            .AddOrUpdate(DicomTags.PixelPresentation, DicomVR.CS, "MONOCHROME")
            .AddOrUpdate(DicomTags.VolumetricProperties, DicomVR.CS, "VOLUME")
            .AddOrUpdate(DicomTags.VolumeBasedCalculationTechnique, DicomVR.CS, "NONE")
            .AddOrUpdate(new DicomSequence(DicomTags.SharedFunctionalGroupsSequence, SharedFunctionalGroups()))
            .AddOrUpdate(new DicomSequence(
                DicomTags.PerFrameFunctionalGroupsSequence,
                Enumerable.Range(0, frames).Select(PerFrameFunctionalGroups)));
        return dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, new SyntheticPixelData(Size, Size, frames)));
    }

    /// <summary>Patient, study, series, equipment, frame of reference, image pixel and SOP common attributes.</summary>
    private static DicomDataset CommonModules(string sopClassUid, params string[] imageType)
    {
        var studyUid = DicomUid.Generate();
        var dataset = new DicomDataset()
            .AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100")
            .AddOrUpdate(DicomTags.ImageType, DicomVR.CS, imageType)
            .AddOrUpdate(DicomTags.InstanceCreationDate, DicomVR.DA, "20240115")
            .AddOrUpdate(DicomTags.InstanceCreationTime, DicomVR.TM, "093512")
            .AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, sopClassUid)
            .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUid.Generate())
            .AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20240115")
            .AddOrUpdate(DicomTags.SeriesDate, DicomVR.DA, "20240115")
            .AddOrUpdate(DicomTags.ContentDate, DicomVR.DA, "20240115")
            .AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "092801")
            .AddOrUpdate(DicomTags.SeriesTime, DicomVR.TM, "093011")
            .AddOrUpdate(DicomTags.ContentTime, DicomVR.TM, "093012.250000")
            .AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "BENCH0001")
            .AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CT")
            .AddOrUpdate(DicomTags.Manufacturer, DicomVR.LO, "NodeAgent Bench")
            .AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "Synthetic Hospital")
            .AddOrUpdate(DicomTags.ReferringPhysicianName, DicomVR.PN, "REFERRER^SYNTHETIC")
            .AddOrUpdate(DicomTags.StationName, DicomVR.SH, "CT01")
            .AddOrUpdate(DicomTags.StudyDescription, DicomVR.LO, "CT CHEST W/O CONTRAST")
            .AddOrUpdate(new DicomSequence(
                DicomTags.ProcedureCodeSequence,
                Code("CTCHEST", "99BENCH", "CT Chest without contrast")))
            .AddOrUpdate(DicomTags.SeriesDescription, DicomVR.LO, "Axial 1.25mm")
            .AddOrUpdate(DicomTags.ManufacturerModelName, DicomVR.LO, "Synthetic CT")
            .AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "BENCH^CT")
            .AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "BENCH-0001")
            .AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101")
            .AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, "O")
            .AddOrUpdate(DicomTags.PatientAge, DicomVR.AS, "054Y")
            .AddOrUpdate(DicomTags.BodyPartExamined, DicomVR.CS, "CHEST")
            .AddOrUpdate(DicomTags.KVP, DicomVR.DS, "120")
            .AddOrUpdate(DicomTags.DataCollectionDiameter, DicomVR.DS, "500")
            .AddOrUpdate(DicomTags.ReconstructionDiameter, DicomVR.DS, "400")
            .AddOrUpdate(DicomTags.GantryDetectorTilt, DicomVR.DS, "0")
            .AddOrUpdate(DicomTags.TableHeight, DicomVR.DS, "160")
            .AddOrUpdate(DicomTags.RotationDirection, DicomVR.CS, "CW")
            .AddOrUpdate(DicomTags.ExposureTime, DicomVR.IS, "500")
            .AddOrUpdate(DicomTags.XRayTubeCurrent, DicomVR.IS, "250")
            .AddOrUpdate(DicomTags.Exposure, DicomVR.IS, "125")
            .AddOrUpdate(DicomTags.FilterType, DicomVR.SH, "BODY")
            .AddOrUpdate(DicomTags.ConvolutionKernel, DicomVR.SH, "STANDARD")
            .AddOrUpdate(DicomTags.PatientPosition, DicomVR.CS, "FFS")
            .AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid)
            .AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, DicomUid.Generate())
            .AddOrUpdate(DicomTags.StudyID, DicomVR.SH, "1")
            .AddOrUpdate(DicomTags.SeriesNumber, DicomVR.IS, "3")
            .AddOrUpdate(DicomTags.FrameOfReferenceUID, DicomVR.UI, DicomUid.Generate())
            .AddOrUpdate(DicomTags.PositionReferenceIndicator, DicomVR.LO, "SN")
            .AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1)
            .AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, Size)
            .AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, Size)
            .AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16)
            .AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 12)
            .AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 11)
            .AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0)
            .AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, "NO")
            .AddOrUpdate(DicomTags.LossyImageCompression, DicomVR.CS, "00");

        // A vendor's private block, as scanners write: a creator and a few values, one a binary blob.
        var privateBlob = new byte[1024];
        CtPhantom.Render(16, 32, 0, privateBlob);
        return dataset
            .AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "NODEAGENT BENCH")
            .AddOrUpdate(new DicomTag(0x0009, 0x1001), DicomVR.LO, "SCAN PROTOCOL 7")
            .AddOrUpdate<uint>(new DicomTag(0x0009, 0x1002), DicomVR.UL, 3, 1, 4, 1, 5)
            .AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x1003), DicomVR.OB, privateBlob));
    }

    private static DicomDataset SharedFunctionalGroups() => new DicomDataset()
        .AddOrUpdate(new DicomSequence(
            DicomTags.PixelMeasuresSequence,
            new DicomDataset()
                .AddOrUpdate(DicomTags.SliceThickness, DicomVR.DS, "1.25")
                .AddOrUpdate(DicomTags.PixelSpacing, DicomVR.DS, "0.78125", "0.78125")))
        .AddOrUpdate(new DicomSequence(
            DicomTags.PlaneOrientationSequence,
            new DicomDataset().AddOrUpdate(DicomTags.ImageOrientationPatient, DicomVR.DS, "1", "0", "0", "0", "1", "0")))
        .AddOrUpdate(new DicomSequence(
            DicomTags.PixelValueTransformationSequence,
            new DicomDataset()
                .AddOrUpdate(DicomTags.RescaleIntercept, DicomVR.DS, "-1024")
                .AddOrUpdate(DicomTags.RescaleSlope, DicomVR.DS, "1")
                .AddOrUpdate(DicomTags.RescaleType, DicomVR.LO, "HU")));

    private static DicomDataset PerFrameFunctionalGroups(int frame) => new DicomDataset()
        .AddOrUpdate(new DicomSequence(
            DicomTags.FrameContentSequence,
            new DicomDataset()
                .AddOrUpdate(DicomTags.FrameReferenceDateTime, DicomVR.DT, "20240115093012.000000")
                .AddOrUpdate(DicomTags.FrameAcquisitionDateTime, DicomVR.DT, "20240115093012.000000")
                .AddOrUpdate(DicomTags.StackID, DicomVR.SH, "1")
                .AddOrUpdate<uint>(DicomTags.InStackPositionNumber, DicomVR.UL, (uint)frame + 1)
                .AddOrUpdate<uint>(DicomTags.DimensionIndexValues, DicomVR.UL, 1, (uint)frame + 1)))
        .AddOrUpdate(new DicomSequence(
            DicomTags.PlanePositionSequence,
            new DicomDataset().AddOrUpdate<double>(DicomTags.ImagePositionPatient, DicomVR.DS, -200, -200, -frame * SliceSpacing)))
        .AddOrUpdate(new DicomSequence(
            DicomTags.CTImageFrameTypeSequence,
            new DicomDataset()
                .AddOrUpdate(DicomTags.FrameType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL", "NONE")
                .AddOrUpdate(DicomTags.PixelPresentation, DicomVR.CS, "MONOCHROME")
                .AddOrUpdate(DicomTags.VolumetricProperties, DicomVR.CS, "VOLUME")
                .AddOrUpdate(DicomTags.VolumeBasedCalculationTechnique, DicomVR.CS, "NONE")));

    private static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, value)
        .AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme)
        .AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, meaning);
}
