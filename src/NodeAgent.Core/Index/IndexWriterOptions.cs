using System.ComponentModel.DataAnnotations;

namespace NodeAgent.Core.Index;

/// <summary>
/// How <see cref="IndexWriter"/> groups entries into transactions. LiteDB 5.0.20 manages about 400 single-document
/// transactions a second but 16 000 documents a second in bulk (DESIGN decision 7), so entries are committed in
/// batches: as many as are waiting, up to <see cref="MaxBatchSize"/>, gathered for at most <see cref="MaxBatchDelay"/>.
/// Larger batches amortise LiteDB's flushes (it fsyncs its log many times per commit, more per page than per
/// transaction), so throughput grows with the batch size; 500 keeps one commit well under a second on a slow disk.
/// </summary>
public sealed class IndexWriterOptions
{
    /// <summary>The most entries one transaction commits.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// How long a batch waits for more entries after its first one. The default, zero, commits whatever is waiting
    /// at once: batches still fill under load, because entries queue while the previous batch commits, and no entry
    /// waits longer than one commit. A delay only saves transactions when entries arrive sparsely, and it caps the
    /// throughput of callers that await each entry before sending the next (measured: 8 such callers, 127 entries/s
    /// with no delay, 64 with 50 ms).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How many entries may wait; beyond that <see cref="IndexWriter.AddAsync"/> waits for room.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>What an entry whose instance key is indexed already does.</summary>
    public IndexWriteMode Mode { get; set; } = IndexWriteMode.Replace;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchDelay, TimeSpan.Zero, nameof(MaxBatchDelay));
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Not an index write mode.");
        }
    }
}
