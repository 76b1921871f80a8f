using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Index;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;
using NodeAgent.Federation.Link;

namespace NodeAgent.Federation;

/// <summary>The node's health for the hub, from the spool, the disk and the index (when the pipeline has one).</summary>
internal sealed class NodeStatus(SpoolDirectory spool, DiskSpace disk, IOptions<StorageOptions> storage, IInstanceIndex? index = null) : INodeStatus
{
    private readonly Lock _lock = new();
    private long _lastCountedInstances = -1;
    private DateTimeOffset? _lastInstance;

    public NodeStatusSnapshot Current()
    {
        var depth = spool.CompleteFiles().LongCount();
        var (free, _, _) = disk.Check(storage.Value.DataDirectory);
        var counts = index?.Counts ?? default;
        return new NodeStatusSnapshot(depth, free, LastInstance(counts.Instances), counts.Patients, counts.Studies, counts.Series, counts.Instances);
    }

    /// <summary>The newest indexing time over the series rollups; recomputed only when the instance count moved.</summary>
    private DateTimeOffset? LastInstance(long instances)
    {
        if (index is null || instances == 0)
        {
            return null;
        }

        lock (_lock)
        {
            if (instances != _lastCountedInstances)
            {
                var rollups = index.GetSeriesRollups();
                _lastInstance = rollups.Count == 0 ? null : new DateTimeOffset(DateTime.SpecifyKind(rollups.Max(r => r.LastIndexedUtc), DateTimeKind.Utc));
                _lastCountedInstances = instances;
            }

            return _lastInstance;
        }
    }
}
