namespace NodeAgent.Hub.Queries;

/// <summary>One group of the merged table: its group values and one cell per measure.</summary>
public sealed record MergedRow(IReadOnlyList<string> Groups, IReadOnlyList<MergedCell> Cells);
