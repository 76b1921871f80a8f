namespace NodeAgent.Core.Query;

/// <summary>
/// The true result of one query: its cells sorted by group values, and the query's patient set as sorted distinct
/// 64-bit keyed hashes (for the differencing guard). Never leaves the node.
/// </summary>
internal sealed record AggregateResult(IReadOnlyList<AggregateCell> Cells, ulong[] PatientHashes);
