namespace NodeAgent.Core.Index;

/// <summary>The outcome of one committed batch.</summary>
/// <param name="Results">One result per entry, in the order the entries were given.</param>
/// <param name="Commit">What the batch changed in the series rollups.</param>
public sealed record IndexBatchResult(IReadOnlyList<IndexWriteResult> Results, IndexCommit Commit);
