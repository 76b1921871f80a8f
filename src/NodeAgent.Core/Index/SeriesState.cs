using LiteDB;

namespace NodeAgent.Core.Index;

/// <summary>
/// A series rollup document (collection <c>series</c>) while a batch changes it. Besides the representative
/// instance's dimensions it keeps counters, so removing an instance (on replacement) is exact.
/// </summary>
internal sealed class SeriesState
{
    public const string Study = "study";
    public const string Patient = "patient";
    public const string DimensionsField = "dims";

    private const string Representative = "rep";
    private const string Instances = "instances";
    private const string Frames = "frames";
    private const string Bytes = "bytes";
    private const string ContrastInstances = "contrastInstances";
    private const string HighRiskInstances = "burnedInHigh";
    private const string PossibleRiskInstances = "burnedInPossible";
    private const string First = "first";
    private const string Last = "last";

    public SeriesState(string key, string studyKey, string patientKey, bool existed)
    {
        Key = key;
        StudyKey = studyKey;
        PatientKey = patientKey;
        Existed = existed;
    }

    public string Key { get; }

    public string StudyKey { get; }

    public string PatientKey { get; }

    /// <summary>True when the series was stored before the batch began.</summary>
    public bool Existed { get; }

    /// <summary>The instance whose dimensions the series shows; null while it must be chosen again.</summary>
    public string? RepresentativeKey { get; set; }

    public InstanceDimensions Dimensions { get; set; } = new();

    public int InstanceCount { get; private set; }

    public long FrameCount { get; private set; }

    public long TotalBytes { get; private set; }

    public int ContrastCount { get; private set; }

    public int HighRiskCount { get; private set; }

    public int PossibleRiskCount { get; private set; }

    public long FirstTicks { get; set; }

    public long LastTicks { get; set; }

    public void Add(IndexEntry entry, long ticks) => Count(entry, +1, ticks);

    public void Remove(IndexEntry entry) => Count(entry, -1, LastTicks);

    public SeriesRollup ToRollup() => new(
        Key,
        StudyKey,
        PatientKey,
        Dimensions with
        {
            ContrastAgent = ContrastCount > 0,
            BurnedInAnnotationRisk = HighRiskCount > 0 ? BurnedInAnnotationRisk.High
                : PossibleRiskCount > 0 ? BurnedInAnnotationRisk.Possible
                : BurnedInAnnotationRisk.Low,
        },
        InstanceCount,
        FrameCount,
        TotalBytes,
        new DateTime(FirstTicks, DateTimeKind.Utc),
        new DateTime(LastTicks, DateTimeKind.Utc));

    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            ["_id"] = Key,
            [Study] = StudyKey,
            [Patient] = PatientKey,
            [Instances] = InstanceCount,
            [Frames] = FrameCount,
            [Bytes] = TotalBytes,
            [ContrastInstances] = ContrastCount,
            [HighRiskInstances] = HighRiskCount,
            [PossibleRiskInstances] = PossibleRiskCount,
            [First] = FirstTicks,
            [Last] = LastTicks,
            [DimensionsField] = DimensionsBson.ToBson(Dimensions),
        };
        DimensionsBson.Set(document, Representative, RepresentativeKey);
        return document;
    }

    public static SeriesState FromBson(BsonDocument document) => new(
        document["_id"].AsString,
        DimensionsBson.String(document, Study) ?? string.Empty,
        DimensionsBson.String(document, Patient) ?? string.Empty,
        existed: true)
    {
        RepresentativeKey = DimensionsBson.String(document, Representative),
        Dimensions = document.TryGetValue(DimensionsField, out var dimensions) && dimensions.IsDocument
            ? DimensionsBson.FromBson(dimensions.AsDocument)
            : new InstanceDimensions(),
        InstanceCount = DimensionsBson.Int(document, Instances) ?? 0,
        FrameCount = DimensionsBson.Long(document, Frames),
        TotalBytes = DimensionsBson.Long(document, Bytes),
        ContrastCount = DimensionsBson.Int(document, ContrastInstances) ?? 0,
        HighRiskCount = DimensionsBson.Int(document, HighRiskInstances) ?? 0,
        PossibleRiskCount = DimensionsBson.Int(document, PossibleRiskInstances) ?? 0,
        FirstTicks = DimensionsBson.Long(document, First),
        LastTicks = DimensionsBson.Long(document, Last),
    };

    private void Count(IndexEntry entry, int sign, long ticks)
    {
        var dimensions = entry.Dimensions;
        InstanceCount += sign;
        FrameCount += sign * (long)(dimensions.NumberOfFrames ?? 0);
        TotalBytes += sign * entry.Size;
        ContrastCount += dimensions.ContrastAgent ? sign : 0;
        HighRiskCount += dimensions.BurnedInAnnotationRisk == BurnedInAnnotationRisk.High ? sign : 0;
        PossibleRiskCount += dimensions.BurnedInAnnotationRisk == BurnedInAnnotationRisk.Possible ? sign : 0;
        LastTicks = ticks;
    }
}
