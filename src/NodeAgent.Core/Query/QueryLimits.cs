namespace NodeAgent.Core.Query;

/// <summary>
/// The bounds a query must stay within, so a hostile one costs at most one pass over the rollups with a small
/// filter per series.
/// </summary>
public static class QueryLimits
{
    /// <summary>The largest JSON form accepted, in UTF-8 bytes (64 KiB).</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>The deepest filter tree: a leaf at the root is depth 1.</summary>
    public const int MaxFilterDepth = 8;

    /// <summary>The most filter nodes (AND, OR and leaves) in one query.</summary>
    public const int MaxFilterNodes = 256;

    /// <summary>The most values one IN may list.</summary>
    public const int MaxInValues = 1024;

    /// <summary>The most group-by dimensions.</summary>
    public const int MaxGroupBy = 2;
}
