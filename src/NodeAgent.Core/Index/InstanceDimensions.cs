namespace NodeAgent.Core.Index;

/// <summary>
/// The standardised index dimensions of one pseudonymised instance: what the federated query engine filters and
/// groups by. A value the instance does not carry (or carries malformed) is null, never guessed.
/// </summary>
public sealed record InstanceDimensions
{
    /// <summary>Modality (0008,0060), upper case.</summary>
    public string? Modality { get; init; }

    /// <summary>The body part mapped to CID 4031.</summary>
    public BodyPart BodyPart { get; init; } = BodyPart.Unknown(null);

    /// <summary>Patient's Sex (0010,0040): M, F or O.</summary>
    public string? Sex { get; init; }

    /// <summary>Patient's Age (0010,1010) in whole years (rounded down; 006M is 0).</summary>
    public int? AgeYears { get; init; }

    /// <summary>The 5-year age band, such as <c>45-49</c>; <c>90+</c> from 90 years.</summary>
    public string? AgeBand { get; init; }

    /// <summary>Manufacturer (0008,0070) with its spelling normalised (<c>GE MEDICAL SYSTEMS</c> is <c>GE</c>).</summary>
    public string? Manufacturer { get; init; }

    /// <summary>Manufacturer's Model Name (0008,1090), trimmed.</summary>
    public string? ManufacturerModel { get; init; }

    /// <summary>The year of acquisition, from the (already shifted) acquisition, content, series or study date.</summary>
    public int? AcquisitionYear { get; init; }

    /// <summary>The quarter (1–4) of <see cref="AcquisitionYear"/>.</summary>
    public int? AcquisitionQuarter { get; init; }

    /// <summary>Slice Thickness (0018,0050) in mm, also from the Pixel Measures functional group.</summary>
    public double? SliceThickness { get; init; }

    /// <summary>The row spacing (first value of Pixel Spacing (0028,0030), or of Imager Pixel Spacing) in mm.</summary>
    public double? PixelSpacingRow { get; init; }

    /// <summary>The column spacing (second value of Pixel Spacing) in mm.</summary>
    public double? PixelSpacingColumn { get; init; }

    /// <summary>Rows (0028,0010).</summary>
    public int? Rows { get; init; }

    /// <summary>Columns (0028,0011).</summary>
    public int? Columns { get; init; }

    /// <summary>Number of Frames (0028,0008); 1 for a single-frame image, null for an object without pixels.</summary>
    public int? NumberOfFrames { get; init; }

    /// <summary>KVP (0018,0060), also from the CT X-Ray Details functional group.</summary>
    public double? Kvp { get; init; }

    /// <summary>Magnetic Field Strength (0018,0087) in tesla.</summary>
    public double? MagneticFieldStrength { get; init; }

    /// <summary>True when a contrast or bolus agent is named (0018,0010) or coded (0018,0012).</summary>
    public bool ContrastAgent { get; init; }

    /// <summary>SOP Class UID (0008,0016).</summary>
    public string? SopClassUid { get; init; }

    /// <summary>The transfer syntax the instance is stored in.</summary>
    public string? TransferSyntaxUid { get; init; }

    /// <summary>The risk that the pixel data carries burned-in text.</summary>
    public BurnedInAnnotationRisk BurnedInAnnotationRisk { get; init; }
}
