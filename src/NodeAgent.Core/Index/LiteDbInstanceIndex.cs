using System.Diagnostics.CodeAnalysis;
using LiteDB;

namespace NodeAgent.Core.Index;

/// <summary>
/// The index in one LiteDB file, <c>&lt;data&gt;/index.db</c>, with the collections <c>instances</c>, <c>series</c>,
/// <c>studies</c> and <c>patients</c>. LiteDB is the durable record, not the query engine (DESIGN decision 7):
/// the query engine loads the series rollups into memory and follows <see cref="IndexCommit"/>s.
/// </summary>
public sealed class LiteDbInstanceIndex : IInstanceIndex
{
    /// <summary>The index file's name in the data directory.</summary>
    public const string FileName = "index.db";

    private readonly LiteDatabase _database;
    private readonly IndexCollections _collections;
    private readonly Lock _writeLock = new();
    private readonly Lock _countsLock = new();
    private IndexCounts _counts;

    private LiteDbInstanceIndex(LiteDatabase database, bool readOnly)
    {
        _database = database;
        _collections = IndexCollections.Of(database);
        if (!readOnly)
        {
            EnsureIndexes(_collections);
        }

        _counts = new IndexCounts(
            _collections.Patients.LongCount(),
            _collections.Studies.LongCount(),
            _collections.Series.LongCount(),
            _collections.Instances.LongCount());
    }

    /// <summary>The path of the index file.</summary>
    public string? Path { get; private init; }

    /// <inheritdoc/>
    public bool IsEmpty => Counts.Instances == 0;

    /// <inheritdoc/>
    public IndexCounts Counts
    {
        get
        {
            lock (_countsLock)
            {
                return _counts;
            }
        }
    }

    /// <summary>Opens (creating when missing) <see cref="FileName"/> in the data directory.</summary>
    public static LiteDbInstanceIndex OpenInDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        return Open(System.IO.Path.Combine(dataDirectory, FileName));
    }

    /// <summary>
    /// Opens the index file, creating it when missing unless <paramref name="readOnly"/>. Read-only is for CLI verbs
    /// (<c>status</c>, <c>verify</c>) that must not change the file.
    /// </summary>
    /// <exception cref="FileNotFoundException">Read-only, and the file does not exist.</exception>
    public static LiteDbInstanceIndex Open(string path, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (readOnly && !File.Exists(fullPath))
        {
            throw new FileNotFoundException("The index file does not exist.", fullPath);
        }

        var connection = new ConnectionString
        {
            Filename = fullPath,
            Connection = ConnectionType.Direct,
            ReadOnly = readOnly,
            // Keys are hashes and UIDs: compare them as bytes. LiteDB's default collation ignores case, which would
            // make two base64 keys differing only in case the same document. Fixed when the file is created.
            // The invariant culture (LCID 127), not en-US: the executable runs in globalization-invariant mode,
            // where no other culture exists, and an ordinal comparison does not depend on the culture anyway.
            Collation = new Collation(System.Globalization.CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal),
        };
        var database = new LiteDatabase(connection);
        try
        {
            return new LiteDbInstanceIndex(database, readOnly) { Path = fullPath };
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public bool Contains(string instanceKey)
    {
        ArgumentNullException.ThrowIfNull(instanceKey);
        return _collections.Instances.Exists(LiteDB.Query.EQ("_id", instanceKey));
    }

    /// <inheritdoc/>
    public bool TryGet(string instanceKey, [NotNullWhen(true)] out IndexedInstance? instance)
    {
        ArgumentNullException.ThrowIfNull(instanceKey);
        var document = _collections.Instances.FindById(instanceKey);
        instance = document is null ? null : InstanceBson.FromBson(document);
        return instance is not null;
    }

    /// <summary>Every indexed instance, in key order, read lazily (for <c>nodeagent verify</c>).</summary>
    public IEnumerable<IndexedInstance> AllInstances() => _collections.Instances.FindAll().Select(InstanceBson.FromBson);

    /// <inheritdoc/>
    public IReadOnlyList<SeriesRollup> GetSeriesRollups() =>
        _collections.Series.FindAll().Select(document => SeriesState.FromBson(document).ToRollup()).ToList();

    /// <inheritdoc/>
    public long InstanceCountSince(DateTime utc) =>
        _collections.Instances.LongCount(LiteDB.Query.GTE(InstanceBson.Indexed, ToUtc(utc).Ticks));

    /// <inheritdoc/>
    public long StudyCountSince(DateTime utc) =>
        _collections.Studies.LongCount(LiteDB.Query.GTE(ParentState.First, ToUtc(utc).Ticks));

    /// <inheritdoc/>
    public IndexBatchResult WriteBatch(IReadOnlyList<IndexEntry> entries, IndexWriteMode mode, DateTime indexedUtc)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            entry.Validate();
        }

        lock (_writeLock)
        {
            // LiteDB binds a transaction to the calling thread; the whole batch runs here without awaiting.
            if (!_database.BeginTrans())
            {
                throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
            }

            IndexBatchResult result;
            (IndexCommit Commit, int Series, int Studies, int Patients) flushed;
            int added;
            try
            {
                var batch = new IndexBatch(_collections, ToUtc(indexedUtc));
                var results = entries.Select(entry => batch.Add(entry, mode)).ToList();
                flushed = batch.Flush();
                added = batch.Added;
                _database.Commit();
                result = new IndexBatchResult(results, flushed.Commit);
            }
            catch
            {
                _database.Rollback();
                throw;
            }

            lock (_countsLock)
            {
                _counts = new IndexCounts(
                    _counts.Patients + flushed.Patients,
                    _counts.Studies + flushed.Studies,
                    _counts.Series + flushed.Series,
                    _counts.Instances + added);
            }

            return result;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _database.Dispose();

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    // The query dimensions of the series rollups, the keys that join the rollups, and the times `status` asks about.
    private static void EnsureIndexes(IndexCollections collections)
    {
        collections.Instances.EnsureIndex(InstanceBson.Series, "$." + InstanceBson.Series);
        collections.Instances.EnsureIndex(InstanceBson.Indexed, "$." + InstanceBson.Indexed);

        collections.Series.EnsureIndex(SeriesState.Study, "$." + SeriesState.Study);
        collections.Series.EnsureIndex(SeriesState.Patient, "$." + SeriesState.Patient);
        foreach (var field in new[]
        {
            DimensionsBson.Modality, DimensionsBson.BodyPartCode, DimensionsBson.Sex, DimensionsBson.AgeBand,
            DimensionsBson.Manufacturer, DimensionsBson.AcquisitionYear, DimensionsBson.SopClass,
        })
        {
            collections.Series.EnsureIndex(field, DimensionsBson.Path(SeriesState.DimensionsField, field));
        }

        collections.Studies.EnsureIndex(ParentState.Patient, "$." + ParentState.Patient);
        collections.Studies.EnsureIndex(ParentState.First, "$." + ParentState.First);
    }
}
