using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Core.Index;

namespace NodeAgent.Core.Query;

/// <summary>
/// Keeps a <see cref="RollupTable"/> current with an <see cref="IndexWriter"/> from the moment it is loaded, losing no
/// commit that lands while the rollups are read: it subscribes first and buffers, loads the snapshot, then replays
/// the buffered commits in order. Each commit carries the whole current state of its series, so replaying one the
/// snapshot already contains converges on the same table. Disposing unsubscribes.
/// </summary>
public sealed class RollupFollower : IDisposable
{
    private readonly IndexWriter _writer;
    private readonly Lock _lock = new();
    private List<IndexCommit>? _buffer = [];

    private RollupFollower(IndexWriter writer, RollupTable table)
    {
        _writer = writer;
        Table = table;
    }

    /// <summary>The table, current with every commit so far.</summary>
    public RollupTable Table { get; }

    /// <summary>Loads the index's rollups into a new table and follows the writer's commits.</summary>
    public static RollupFollower Start(IInstanceIndex index, IndexWriter writer, byte[] patientHashKey, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(writer);
        var follower = new RollupFollower(writer, new RollupTable([], patientHashKey));
        writer.Committed += follower.OnCommitted;
        follower.Table.Apply(new IndexCommit(index.GetSeriesRollups(), []));
        lock (follower._lock)
        {
            foreach (var commit in follower._buffer!)
            {
                follower.Table.Apply(commit);
            }

            follower._buffer = null;
        }

        CoreLog.RollupsLoaded(logger ?? NullLogger.Instance, follower.Table.Count);

        return follower;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer.Committed -= OnCommitted;
        Table.Dispose();
    }

    // Raised on the writer's one thread; the lock only orders it against the replay.
    private void OnCommitted(IndexCommit commit)
    {
        lock (_lock)
        {
            if (_buffer is not null)
            {
                _buffer.Add(commit);
                return;
            }

            Table.Apply(commit);
        }
    }
}
