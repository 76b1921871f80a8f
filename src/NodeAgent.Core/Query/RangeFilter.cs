namespace NodeAgent.Core.Query;

/// <summary>A numeric dimension lies in [<paramref name="Min"/>, <paramref name="Max"/>); a series without the value never matches.</summary>
/// <param name="Dimension">A numeric dimension name.</param>
/// <param name="Min">The inclusive lower bound; null for none.</param>
/// <param name="Max">The exclusive upper bound; null for none.</param>
public sealed record RangeFilter(string Dimension, double? Min, double? Max) : QueryFilter;
