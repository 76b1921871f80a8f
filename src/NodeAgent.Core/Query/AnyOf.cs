namespace NodeAgent.Core.Query;

/// <summary>OR: a series matches when it matches at least one operand.</summary>
/// <param name="Filters">The operands; at least one.</param>
public sealed record AnyOf(IReadOnlyList<QueryFilter> Filters) : QueryFilter;
