using LiteDB;

namespace NodeAgent.Core.Index;

/// <summary>The four collections of the index file.</summary>
internal sealed record IndexCollections(
    ILiteCollection<BsonDocument> Instances,
    ILiteCollection<BsonDocument> Series,
    ILiteCollection<BsonDocument> Studies,
    ILiteCollection<BsonDocument> Patients)
{
    public static IndexCollections Of(LiteDatabase database) => new(
        database.GetCollection("instances"),
        database.GetCollection("series"),
        database.GetCollection("studies"),
        database.GetCollection("patients"));
}
