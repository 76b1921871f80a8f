using NodeAgent.Dicom;

namespace NodeAgent.Core.Index;

/// <summary>
/// Derives the index dimensions of one pseudonymised instance. It runs after pseudonymisation, so dates are already
/// shifted: the acquisition year and quarter are those of the shifted date, which is intended (they are never
/// compared with real calendar dates). Some dimensions survive de-identification only with a profile option
/// (PS3.15 Table E.1-1): Patient's Age and Sex need the Retain Patient Characteristics Option, Contrast/Bolus Agent
/// (0018,0010) the Clean Descriptors Option, the dates a Retain Longitudinal Temporal Information Option; without
/// them those dimensions are empty.
/// </summary>
public sealed class DimensionExtractor
{
    // Values some devices write into Contrast/Bolus Agent (0018,0010) to say that no agent was given.
    private static readonly HashSet<string> NoAgent = new(StringComparer.Ordinal)
    {
        "NONE", "NO", "N", "NIL", "NULL", "NA", "N/A", "-", "0", "NO CONTRAST", "WITHOUT", "WITHOUT CONTRAST",
    };

    private readonly BodyPartMapping _bodyParts;

    /// <summary>Creates an extractor that maps body parts with the given table.</summary>
    public DimensionExtractor(BodyPartMapping bodyParts)
    {
        ArgumentNullException.ThrowIfNull(bodyParts);
        _bodyParts = bodyParts;
    }

    /// <summary>The dimensions of a pseudonymised data set stored in the given transfer syntax.</summary>
    public InstanceDimensions Extract(DicomDataset dataset, string transferSyntaxUid)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(transferSyntaxUid);

        var modality = DimensionText.Upper(dataset.GetString(DicomTags.Modality));
        var sopClass = DimensionText.Collapse(dataset.GetString(DicomTags.SOPClassUID));
        var age = PatientAge.ParseYears(dataset.GetString(DicomTags.PatientAge));
        var acquired = AcquisitionDate(dataset);
        var (rowSpacing, columnSpacing) = PixelSpacing(dataset);
        var rows = DatasetValues.Number<int>(dataset, DicomTags.Rows);

        return new InstanceDimensions
        {
            Modality = modality,
            BodyPart = MapBodyPart(dataset),
            Sex = Sex(dataset),
            AgeYears = age,
            AgeBand = age is { } years ? PatientAge.Band(years) : null,
            Manufacturer = ManufacturerNames.Normalise(dataset.GetString(DicomTags.Manufacturer)),
            ManufacturerModel = DimensionText.Collapse(dataset.GetString(DicomTags.ManufacturerModelName)),
            AcquisitionYear = acquired?.Year,
            AcquisitionQuarter = acquired is { } date ? ((date.Month - 1) / 3) + 1 : null,
            SliceThickness = FromTopOrGroup(dataset, DicomTags.SliceThickness, DicomTags.PixelMeasuresSequence),
            PixelSpacingRow = rowSpacing,
            PixelSpacingColumn = columnSpacing,
            Rows = rows,
            Columns = DatasetValues.Number<int>(dataset, DicomTags.Columns),
            NumberOfFrames = Frames(dataset, rows),
            Kvp = FromTopOrGroup(dataset, DicomTags.KVP, DicomTags.CTXRayDetailsSequence),
            MagneticFieldStrength = DatasetValues.Number<double>(dataset, DicomTags.MagneticFieldStrength),
            ContrastAgent = HasContrastAgent(dataset),
            SopClassUid = sopClass,
            TransferSyntaxUid = transferSyntaxUid.Trim(),
            BurnedInAnnotationRisk = BurnedInAnnotationRules.Classify(dataset.GetString(DicomTags.BurnedInAnnotation), modality, sopClass),
        };
    }

    /// <summary>
    /// The index entry of a stored instance: its dimensions and the keys the data set carries (pseudonymised
    /// Patient ID, Study, Series and SOP Instance UIDs).
    /// </summary>
    /// <param name="instanceKey">The pipeline's key of the instance (the keyed hash of its original SOP Instance UID).</param>
    /// <param name="dataset">The pseudonymised data set.</param>
    /// <param name="transferSyntaxUid">The transfer syntax the stored file uses.</param>
    /// <param name="storedPath">Where the pseudonymised file is stored.</param>
    /// <param name="sha256">The SHA-256 of the stored file, lower-case hex.</param>
    /// <param name="size">The stored file's size in bytes.</param>
    /// <exception cref="ArgumentException">The data set lacks a Study, Series or SOP Instance UID.</exception>
    public IndexEntry CreateEntry(string instanceKey, DicomDataset dataset, string transferSyntaxUid, string storedPath, string sha256, long size)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var entry = new IndexEntry(
            instanceKey,
            DimensionText.Collapse(dataset.GetString(DicomTags.PatientID)) ?? string.Empty,
            Required(dataset, DicomTags.StudyInstanceUID, "Study Instance UID"),
            Required(dataset, DicomTags.SeriesInstanceUID, "Series Instance UID"),
            Required(dataset, DicomTags.SOPInstanceUID, "SOP Instance UID"),
            storedPath,
            sha256,
            size,
            Extract(dataset, transferSyntaxUid));
        entry.Validate();
        return entry;
    }

    // Number of Frames is absent from single-frame images; an object without Rows has no pixels to count.
    private static int? Frames(DicomDataset dataset, int? rows) =>
        dataset.Contains(DicomTags.NumberOfFrames) ? DatasetValues.Number<int>(dataset, DicomTags.NumberOfFrames)
        : rows is null ? null
        : 1;

    // PS3.3 C.7.1.1: M, F or O; anything else is no value.
    private static string? Sex(DicomDataset dataset) =>
        DimensionText.Upper(dataset.GetString(DicomTags.PatientSex)) switch
        {
            "M" => "M",
            "F" => "F",
            "O" => "O",
            _ => null,
        };

    private static string Required(DicomDataset dataset, DicomTag tag, string name) =>
        DimensionText.Collapse(dataset.GetString(tag))
        ?? throw new ArgumentException($"The data set has no {name} {tag}; it cannot be indexed.", nameof(dataset));

    // Enhanced multi-frame objects code the region in the Frame Anatomy functional group (PS3.3 C.7.6.16.2.8).
    private BodyPart MapBodyPart(DicomDataset dataset)
    {
        var region = DatasetValues.Items(dataset, DicomTags.AnatomicRegionSequence)
            .Concat(DatasetValues.FunctionalGroup(dataset, DicomTags.FrameAnatomySequence)
                .SelectMany(anatomy => DatasetValues.Items(anatomy, DicomTags.AnatomicRegionSequence)))
            .FirstOrDefault();
        return _bodyParts.Map(
            dataset.GetString(DicomTags.BodyPartExamined),
            region?.GetString(DicomTags.CodeValue),
            region?.GetString(DicomTags.CodingSchemeDesignator),
            region?.GetString(DicomTags.CodeMeaning));
    }

    // The first date that tells when the pixels were acquired, most specific first (PS3.3 C.7.6.1, C.7.3.1, C.7.2.1).
    private static DateOnly? AcquisitionDate(DicomDataset dataset) =>
        DatasetValues.Date(dataset, DicomTags.AcquisitionDate)
        ?? DatasetValues.DateOfDateTime(dataset, DicomTags.AcquisitionDateTime)
        ?? DatasetValues.Date(dataset, DicomTags.ContentDate)
        ?? DatasetValues.Date(dataset, DicomTags.SeriesDate)
        ?? DatasetValues.Date(dataset, DicomTags.StudyDate);

    // Enhanced multi-frame objects keep these in functional group macros instead of the top level.
    private static double? FromTopOrGroup(DicomDataset dataset, DicomTag tag, DicomTag macro)
    {
        var value = DatasetValues.Number<double>(dataset, tag);
        if (value is not null)
        {
            return value;
        }

        foreach (var item in DatasetValues.FunctionalGroup(dataset, macro))
        {
            if (DatasetValues.Number<double>(item, tag) is { } grouped)
            {
                return grouped;
            }
        }

        return null;
    }

    // Pixel Spacing (0028,0030) is row\column spacing; projection radiographs may carry only Imager Pixel Spacing
    // (0018,1164); enhanced objects carry it in the Pixel Measures functional group.
    private static (double? Row, double? Column) PixelSpacing(DicomDataset dataset)
    {
        var candidates = new[] { dataset }
            .Concat(DatasetValues.FunctionalGroup(dataset, DicomTags.PixelMeasuresSequence))
            .Select(source => DatasetValues.Numbers(source, DicomTags.PixelSpacing))
            .Append(DatasetValues.Numbers(dataset, DicomTags.ImagerPixelSpacing));
        foreach (var values in candidates)
        {
            if (values.Count >= 2)
            {
                return (values[0], values[1]);
            }

            if (values.Count == 1)
            {
                return (values[0], values[0]);
            }
        }

        return (null, null);
    }

    private static bool HasContrastAgent(DicomDataset dataset)
    {
        if (DatasetValues.Items(dataset, DicomTags.ContrastBolusAgentSequence).Count > 0)
        {
            return true;
        }

        var agent = DimensionText.Upper(dataset.GetString(DicomTags.ContrastBolusAgent));
        return agent is not null && !NoAgent.Contains(agent);
    }
}
