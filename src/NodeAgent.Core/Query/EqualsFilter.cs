namespace NodeAgent.Core.Query;

/// <summary>
/// A dimension equals a value (ordinal comparison). For a numeric dimension the value is a number in invariant
/// culture; for a missing value of any dimension it is <see cref="QueryDimensions.Missing"/>.
/// </summary>
/// <param name="Dimension">The dimension name.</param>
/// <param name="Value">The value.</param>
public sealed record EqualsFilter(string Dimension, string Value) : QueryFilter;
