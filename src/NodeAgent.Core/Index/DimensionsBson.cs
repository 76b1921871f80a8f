using LiteDB;

namespace NodeAgent.Core.Index;

/// <summary>
/// The stored form of <see cref="InstanceDimensions"/>: a nested document with short, stable field names. An absent
/// value is an absent field. Field names are part of the file format; renaming one needs a migration.
/// </summary>
internal static class DimensionsBson
{
    public const string Modality = "modality";
    public const string BodyPartCode = "bodyPartCode";
    public const string Sex = "sex";
    public const string AgeBand = "ageBand";
    public const string Manufacturer = "manufacturer";
    public const string AcquisitionYear = "acqYear";
    public const string SopClass = "sopClass";

    private const string BodyPartScheme = "bodyPartScheme";
    private const string BodyPartMeaning = "bodyPartMeaning";
    private const string BodyPartText = "bodyPartText";
    private const string AgeYears = "ageYears";
    private const string Model = "model";
    private const string AcquisitionQuarter = "acqQuarter";
    private const string SliceThickness = "sliceThickness";
    private const string PixelSpacingRow = "pixelSpacingRow";
    private const string PixelSpacingColumn = "pixelSpacingColumn";
    private const string Rows = "rows";
    private const string Columns = "columns";
    private const string Frames = "frames";
    private const string Kvp = "kvp";
    private const string FieldStrength = "fieldStrength";
    private const string Contrast = "contrast";
    private const string TransferSyntax = "transferSyntax";
    private const string BurnedIn = "burnedIn";

    public static BsonDocument ToBson(InstanceDimensions dimensions)
    {
        var document = new BsonDocument();
        Set(document, Modality, dimensions.Modality);
        Set(document, BodyPartCode, dimensions.BodyPart.Code);
        Set(document, BodyPartScheme, dimensions.BodyPart.Scheme);
        Set(document, BodyPartMeaning, dimensions.BodyPart.Meaning);
        Set(document, BodyPartText, dimensions.BodyPart.Text);
        Set(document, Sex, dimensions.Sex);
        Set(document, AgeYears, dimensions.AgeYears);
        Set(document, AgeBand, dimensions.AgeBand);
        Set(document, Manufacturer, dimensions.Manufacturer);
        Set(document, Model, dimensions.ManufacturerModel);
        Set(document, AcquisitionYear, dimensions.AcquisitionYear);
        Set(document, AcquisitionQuarter, dimensions.AcquisitionQuarter);
        Set(document, SliceThickness, dimensions.SliceThickness);
        Set(document, PixelSpacingRow, dimensions.PixelSpacingRow);
        Set(document, PixelSpacingColumn, dimensions.PixelSpacingColumn);
        Set(document, Rows, dimensions.Rows);
        Set(document, Columns, dimensions.Columns);
        Set(document, Frames, dimensions.NumberOfFrames);
        Set(document, Kvp, dimensions.Kvp);
        Set(document, FieldStrength, dimensions.MagneticFieldStrength);
        document[Contrast] = dimensions.ContrastAgent;
        Set(document, SopClass, dimensions.SopClassUid);
        Set(document, TransferSyntax, dimensions.TransferSyntaxUid);
        document[BurnedIn] = dimensions.BurnedInAnnotationRisk.ToString();
        return document;
    }

    public static InstanceDimensions FromBson(BsonDocument document) => new()
    {
        Modality = String(document, Modality),
        BodyPart = new BodyPart(
            String(document, BodyPartCode) ?? BodyPart.UnknownCode,
            String(document, BodyPartScheme),
            String(document, BodyPartMeaning),
            String(document, BodyPartText)),
        Sex = String(document, Sex),
        AgeYears = Int(document, AgeYears),
        AgeBand = String(document, AgeBand),
        Manufacturer = String(document, Manufacturer),
        ManufacturerModel = String(document, Model),
        AcquisitionYear = Int(document, AcquisitionYear),
        AcquisitionQuarter = Int(document, AcquisitionQuarter),
        SliceThickness = Double(document, SliceThickness),
        PixelSpacingRow = Double(document, PixelSpacingRow),
        PixelSpacingColumn = Double(document, PixelSpacingColumn),
        Rows = Int(document, Rows),
        Columns = Int(document, Columns),
        NumberOfFrames = Int(document, Frames),
        Kvp = Double(document, Kvp),
        MagneticFieldStrength = Double(document, FieldStrength),
        ContrastAgent = document.TryGetValue(Contrast, out var contrast) && contrast.IsBoolean && contrast.AsBoolean,
        SopClassUid = String(document, SopClass),
        TransferSyntaxUid = String(document, TransferSyntax),
        BurnedInAnnotationRisk = Enum.TryParse<BurnedInAnnotationRisk>(String(document, BurnedIn), out var risk) ? risk : BurnedInAnnotationRisk.Low,
    };

    /// <summary>The index expression of a dimension field inside a document that nests the dimensions under <paramref name="parent"/>.</summary>
    public static string Path(string parent, string field) => $"$.{parent}.{field}";

    internal static void Set(BsonDocument document, string name, string? value)
    {
        if (value is not null)
        {
            document[name] = value;
        }
    }

    internal static void Set(BsonDocument document, string name, int? value)
    {
        if (value is { } number)
        {
            document[name] = number;
        }
    }

    internal static void Set(BsonDocument document, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            document[name] = number;
        }
    }

    internal static string? String(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;

    internal static int? Int(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsNumber ? value.AsInt32 : null;

    internal static long Long(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsNumber ? value.AsInt64 : 0;

    internal static double? Double(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsNumber ? value.AsDouble : null;
}
