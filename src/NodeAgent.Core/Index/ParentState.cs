using LiteDB;

namespace NodeAgent.Core.Index;

/// <summary>
/// A study (collection <c>studies</c>) or patient (collection <c>patients</c>) rollup document while a batch changes
/// it: how many children (series of a study, studies of a patient) and instances it holds.
/// </summary>
internal sealed class ParentState
{
    public const string Patient = "patient";
    public const string First = "first";

    private const string Studies = "studies";
    private const string Series = "series";
    private const string Instances = "instances";
    private const string Bytes = "bytes";
    private const string Last = "last";

    public ParentState(string key, string? patientKey, bool existed)
    {
        Key = key;
        PatientKey = patientKey;
        Existed = existed;
    }

    public string Key { get; }

    /// <summary>The patient of a study; null for a patient.</summary>
    public string? PatientKey { get; }

    /// <summary>True when the document was stored before the batch began.</summary>
    public bool Existed { get; }

    /// <summary>The studies of a patient; unused for a study.</summary>
    public int StudyCount { get; set; }

    public int SeriesCount { get; set; }

    public long InstanceCount { get; set; }

    public long TotalBytes { get; set; }

    public long FirstTicks { get; set; }

    public long LastTicks { get; set; }

    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            ["_id"] = Key,
            [Series] = SeriesCount,
            [Instances] = InstanceCount,
            [Bytes] = TotalBytes,
            [First] = FirstTicks,
            [Last] = LastTicks,
        };
        if (PatientKey is null)
        {
            document[Studies] = StudyCount;
        }
        else
        {
            document[Patient] = PatientKey;
        }

        return document;
    }

    public static ParentState FromBson(BsonDocument document) => new(document["_id"].AsString, DimensionsBson.String(document, Patient), existed: true)
    {
        StudyCount = DimensionsBson.Int(document, Studies) ?? 0,
        SeriesCount = DimensionsBson.Int(document, Series) ?? 0,
        InstanceCount = DimensionsBson.Long(document, Instances),
        TotalBytes = DimensionsBson.Long(document, Bytes),
        FirstTicks = DimensionsBson.Long(document, First),
        LastTicks = DimensionsBson.Long(document, Last),
    };
}
