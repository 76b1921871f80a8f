namespace NodeAgent.Core.Storage;

/// <summary>The free-space floor: below it new instances are refused with A700 until space comes back.</summary>
public sealed record DiskSpace(long MinimumFreeBytes, double MinimumFreePercent)
{
    /// <summary>How much is free where <paramref name="directory"/> lives, and whether that is below the floor.</summary>
    public (long FreeBytes, long TotalBytes, bool BelowFloor) Check(string directory)
    {
        var drive = new DriveInfo(Path.GetFullPath(directory));
        var free = drive.AvailableFreeSpace;
        var total = drive.TotalSize;
        var below = free < MinimumFreeBytes || (total > 0 && free * 100.0 / total < MinimumFreePercent);
        return (free, total, below);
    }
}
