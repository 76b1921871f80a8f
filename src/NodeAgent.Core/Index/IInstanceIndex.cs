using System.Diagnostics.CodeAnalysis;

namespace NodeAgent.Core.Index;

/// <summary>
/// The durable index of stored instances (DESIGN decision 7): instance documents keyed by the pipeline's instance
/// key, and series, study and patient rollups with counts. Reads are safe from any thread while a batch is written;
/// batches are written by one writer at a time (<see cref="IndexWriter"/>).
/// </summary>
public interface IInstanceIndex : IDisposable
{
    /// <summary>True when the index holds no instance (the site-secret check: a new secret must not meet old data).</summary>
    bool IsEmpty { get; }

    /// <summary>How many patients, studies, series and instances the index holds.</summary>
    IndexCounts Counts { get; }

    /// <summary>True when the instance key is indexed.</summary>
    bool Contains(string instanceKey);

    /// <summary>The indexed instance with the key, with its stored path and SHA-256.</summary>
    bool TryGet(string instanceKey, [NotNullWhen(true)] out IndexedInstance? instance);

    /// <summary>Every series rollup, for loading the query engine's in-memory copy.</summary>
    IReadOnlyList<SeriesRollup> GetSeriesRollups();

    /// <summary>How many instances were indexed (added or replaced) at or after the time.</summary>
    long InstanceCountSince(DateTime utc);

    /// <summary>How many studies received their first instance at or after the time.</summary>
    long StudyCountSince(DateTime utc);

    /// <summary>
    /// Writes a batch in one transaction: each entry is added, replaces the entry with its key, or is ignored, per
    /// <paramref name="mode"/>, and the rollups follow. Nothing of the batch is written if it throws.
    /// </summary>
    /// <param name="entries">The entries, applied in order (a key may appear twice).</param>
    /// <param name="mode">What an entry whose key is indexed already does.</param>
    /// <param name="indexedUtc">The time recorded as the entries' indexing time.</param>
    IndexBatchResult WriteBatch(IReadOnlyList<IndexEntry> entries, IndexWriteMode mode, DateTime indexedUtc);
}
