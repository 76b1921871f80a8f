namespace NodeAgent.Core.Query;

/// <summary>A dimension equals one of the values (see <see cref="EqualsFilter"/> for how values compare).</summary>
/// <param name="Dimension">The dimension name.</param>
/// <param name="Values">The values; at least one.</param>
public sealed record InFilter(string Dimension, IReadOnlyList<string> Values) : QueryFilter;
