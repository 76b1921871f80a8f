namespace NodeAgent.Core.Query;

/// <summary>One group of a released table.</summary>
/// <param name="Groups">The group values, one per group-by dimension (bin labels for numeric dimensions).</param>
/// <param name="Cells">One cell per measure: <c>Cells[i]</c> belongs to <c>Measures[i]</c>.</param>
public sealed record ReleasedRow(IReadOnlyList<string> Groups, IReadOnlyList<ReleasedCell> Cells);
