using LiteDB;

namespace NodeAgent.Core.Index;

/// <summary>The stored form of an instance document (collection <c>instances</c>).</summary>
internal static class InstanceBson
{
    public const string Series = "series";
    public const string Indexed = "indexed";
    public const string Dimensions = "dims";

    private const string Path = "path";
    private const string Sha256 = "sha256";
    private const string Size = "size";
    private const string Patient = "patient";
    private const string Study = "study";
    private const string Sop = "sop";

    public static BsonDocument ToBson(IndexedInstance instance)
    {
        var entry = instance.Entry;
        return new BsonDocument
        {
            ["_id"] = entry.InstanceKey,
            [Path] = entry.StoredPath,
            [Sha256] = entry.Sha256,
            [Size] = entry.Size,
            [Patient] = entry.PatientId,
            [Study] = entry.StudyInstanceUid,
            [Series] = entry.SeriesInstanceUid,
            [Sop] = entry.SopInstanceUid,
            [Indexed] = instance.IndexedUtc.Ticks,
            [Dimensions] = DimensionsBson.ToBson(entry.Dimensions),
        };
    }

    public static IndexedInstance FromBson(BsonDocument document)
    {
        var entry = new IndexEntry(
            document["_id"].AsString,
            DimensionsBson.String(document, Patient) ?? string.Empty,
            DimensionsBson.String(document, Study) ?? string.Empty,
            DimensionsBson.String(document, Series) ?? string.Empty,
            DimensionsBson.String(document, Sop) ?? string.Empty,
            DimensionsBson.String(document, Path) ?? string.Empty,
            DimensionsBson.String(document, Sha256) ?? string.Empty,
            DimensionsBson.Long(document, Size),
            document.TryGetValue(Dimensions, out var dimensions) && dimensions.IsDocument
                ? DimensionsBson.FromBson(dimensions.AsDocument)
                : new InstanceDimensions());
        return new IndexedInstance(entry, new DateTime(DimensionsBson.Long(document, Indexed), DateTimeKind.Utc));
    }
}
