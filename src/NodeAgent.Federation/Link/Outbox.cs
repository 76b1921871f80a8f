using Google.Protobuf;
using LiteDB;
using NodeAgent.Federation.Contract;
using LiteQuery = LiteDB.Query;

namespace NodeAgent.Federation.Link;

/// <summary>
/// The durable outbox of query results (<c>&lt;data&gt;/outbox.db</c>): a result is written here before it is sent,
/// stays pending until the hub acknowledges it, and is kept afterwards so a re-delivered request for the same query
/// id gets the same result again instead of a second run (which would spend ε twice and could differ).
/// </summary>
public sealed class Outbox : IDisposable
{
    private const string Collection = "results";
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _results;

    /// <summary>Opens (or creates) the outbox file.</summary>
    public Outbox(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _database = new LiteDatabase(new ConnectionString { Filename = full, Connection = ConnectionType.Direct });
        _results = _database.GetCollection(Collection);
        _results.EnsureIndex("acked");
    }

    /// <summary>Stores a result, pending acknowledgement. A result stored already for the query id is kept, and returned.</summary>
    public QueryResult Store(QueryResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (TryGet(result.QueryId, out var stored, out _))
        {
            return stored;
        }

        _results.Insert(new BsonDocument
        {
            ["_id"] = result.QueryId,
            ["result"] = JsonFormatter.Default.Format(result),
            ["stored"] = now.UtcDateTime,
            ["acked"] = false,
        });
        _database.Checkpoint();
        return result;
    }

    /// <summary>The stored result of a query id, and whether the hub has acknowledged it.</summary>
    public bool TryGet(string queryId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QueryResult? result, out bool acked)
    {
        var document = _results.FindById(queryId);
        if (document is null)
        {
            (result, acked) = (null, false);
            return false;
        }

        result = JsonParser.Default.Parse<QueryResult>(document["result"].AsString);
        acked = document["acked"].AsBoolean;
        return true;
    }

    /// <summary>Records the hub's acknowledgement; an unknown id is ignored (the hub may ack twice).</summary>
    public bool MarkAcknowledged(string queryId, DateTimeOffset now)
    {
        var document = _results.FindById(queryId);
        if (document is null || document["acked"].AsBoolean)
        {
            return false;
        }

        document["acked"] = true;
        document["ackedAt"] = now.UtcDateTime;
        _results.Update(document);
        _database.Checkpoint();
        return true;
    }

    /// <summary>Results the hub has not acknowledged, oldest first.</summary>
    public IReadOnlyList<QueryResult> Pending() =>
        [.. _results.Find(LiteQuery.EQ("acked", false))
            .OrderBy(d => d["stored"].AsDateTime)
            .Select(d => JsonParser.Default.Parse<QueryResult>(d["result"].AsString))];

    /// <summary>Removes acknowledged results stored before <paramref name="before"/>; returns how many.</summary>
    public int PruneAcknowledged(DateTimeOffset before) =>
        _results.DeleteMany(LiteQuery.And(LiteQuery.EQ("acked", true), LiteQuery.LT("stored", before.UtcDateTime)));

    /// <inheritdoc/>
    public void Dispose() => _database.Dispose();
}
