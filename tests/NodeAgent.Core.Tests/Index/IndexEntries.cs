using NodeAgent.Core.Index;

namespace NodeAgent.Core.Tests.Index;

/// <summary>Synthetic index entries: patient p, study s, series r, instance i, with dimensions a test can vary.</summary>
internal static class IndexEntries
{
    public static IndexEntry Create(
        int instance,
        int series = 0,
        int study = 0,
        int patient = 0,
        long size = 1000,
        InstanceDimensions? dimensions = null) =>
        new(
            InstanceKey: $"key-{instance:D6}",
            PatientId: $"patient-{patient}",
            StudyInstanceUid: $"2.25.1.{patient}.{study}",
            SeriesInstanceUid: $"2.25.2.{patient}.{study}.{series}",
            SopInstanceUid: $"2.25.3.{instance}",
            StoredPath: $"/data/store/{instance:D6}.dcm",
            Sha256: instance.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
            Size: size,
            Dimensions: dimensions ?? Ct);

    public static InstanceDimensions Ct { get; } = new()
    {
        Modality = "CT",
        BodyPart = new BodyPart("43799004", "SCT", "Chest", "CHEST"),
        Sex = "F",
        AgeYears = 47,
        AgeBand = "45-49",
        Manufacturer = "Siemens",
        ManufacturerModel = "SOMATOM Force",
        AcquisitionYear = 2024,
        AcquisitionQuarter = 3,
        SliceThickness = 1.25,
        PixelSpacingRow = 0.7,
        PixelSpacingColumn = 0.7,
        Rows = 512,
        Columns = 512,
        NumberOfFrames = 1,
        Kvp = 120,
        ContrastAgent = false,
        SopClassUid = "1.2.840.10008.5.1.4.1.1.2",
        TransferSyntaxUid = "1.2.840.10008.1.2.1",
        BurnedInAnnotationRisk = BurnedInAnnotationRisk.Low,
    };
}
