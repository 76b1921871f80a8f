namespace NodeAgent.Core.Query;

/// <summary>AND: a series matches when it matches every operand.</summary>
/// <param name="Filters">The operands; at least one.</param>
public sealed record AllOf(IReadOnlyList<QueryFilter> Filters) : QueryFilter;
