namespace NodeAgent.Core.Index;

/// <summary>
/// What one committed batch changed in the series rollups, so an in-memory copy (the query engine's) can follow
/// without reloading.
/// </summary>
/// <param name="ChangedSeries">The series that were added or changed, as they are now.</param>
/// <param name="RemovedSeries">The keys of series that no longer hold any instance.</param>
public sealed record IndexCommit(IReadOnlyList<SeriesRollup> ChangedSeries, IReadOnlyList<string> RemovedSeries);
