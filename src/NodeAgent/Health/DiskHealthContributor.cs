using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Storage;

namespace NodeAgent.Health;

/// <summary>Free space against the floor: below it every C-STORE is refused with A700, so that is unhealthy.</summary>
internal sealed class DiskHealthContributor(DiskSpace floor, IOptions<StorageOptions> storage) : IHealthContributor
{
    public string Name => "disk";

    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(storage.Value.DataDirectory);
        try
        {
            var (free, total, below) = floor.Check(directory);
            var details = new JsonObject
            {
                ["path"] = directory,
                ["freeBytes"] = free,
                ["totalBytes"] = total,
                ["floorBytes"] = floor.MinimumFreeBytes,
                ["floorPercent"] = floor.MinimumFreePercent,
                ["belowFloor"] = below,
            };
            var summary = $"{HealthText.Bytes(free)} free of {HealthText.Bytes(total)} (floor {HealthText.Bytes(floor.MinimumFreeBytes)} and {floor.MinimumFreePercent}%)";
            return ValueTask.FromResult(below
                ? new ComponentHealth(HealthStatus.Unhealthy, summary + ": below the floor, C-STORE is refused with A700", details)
                : new ComponentHealth(HealthStatus.Healthy, summary, details));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return ValueTask.FromResult(new ComponentHealth(HealthStatus.Unhealthy, $"cannot read the free space: {e.Message}", new JsonObject { ["path"] = directory }));
        }
    }
}
