namespace NodeAgent.Configuration;

/// <summary>Where data lives and how much free space must remain: section NodeAgent:Storage.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Storage";

    /// <summary>The data directory; relative paths are resolved against the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Below this many MiB free, new instances are refused with A700.</summary>
    public long MinimumFreeMegabytes { get; set; } = 5 * 1024;

    /// <summary>Below this share of the disk free (percent), new instances are refused with A700.</summary>
    public double MinimumFreePercent { get; set; } = 10;

    /// <summary>The spool directory.</summary>
    public string SpoolDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "spool");
}
