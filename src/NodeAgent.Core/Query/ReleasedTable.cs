namespace NodeAgent.Core.Query;

/// <summary>What leaves the node for an answered query: disclosure-controlled cells, never true counts.</summary>
/// <param name="GroupBy">The group-by dimension names, in query order.</param>
/// <param name="Measures">The measures, in query order.</param>
/// <param name="Rows">One row per group that holds at least one series, sorted by group values (ordinal); without group-by one row.</param>
public sealed record ReleasedTable(IReadOnlyList<string> GroupBy, IReadOnlyList<QueryMeasure> Measures, IReadOnlyList<ReleasedRow> Rows);
