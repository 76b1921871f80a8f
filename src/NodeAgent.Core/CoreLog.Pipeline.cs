using Microsoft.Extensions.Logging;

namespace NodeAgent.Core;

/// <summary>Ingest pipeline messages: event ids 2100–2199. Spool ids, pseudonyms, codes and counts only.</summary>
internal static partial class CoreLog
{
    [LoggerMessage(2100, LogLevel.Debug, "Stored {SpoolId} as {StoredPath} (patient {Pseudonym}): {Bytes} bytes, {Status}, {Milliseconds:0.0} ms")]
    public static partial void InstanceStored(ILogger logger, string spoolId, string storedPath, string pseudonym, long bytes, string status, double milliseconds);

    [LoggerMessage(2101, LogLevel.Information, "Pipeline in the last {Seconds} s: {Stored} stored, {Duplicates} duplicates, {Quarantined} quarantined, {Transient} transient failures; {SpoolDepth} waiting in the spool")]
    public static partial void PipelineSummary(ILogger logger, int seconds, long stored, long duplicates, long quarantined, long transient, long spoolDepth);

    [LoggerMessage(2102, LogLevel.Warning, "Quarantined {SpoolId} from {CallingAE} as {QuarantineId}: {Code}: {Reason}")]
    public static partial void InstanceQuarantined(ILogger logger, string spoolId, string callingAE, string quarantineId, string code, string reason);

    [LoggerMessage(2103, LogLevel.Warning, "Transient failure processing {SpoolId} at stage {Stage} (attempt {Attempt}); it stays in the spool and is retried in {DelaySeconds:0} s")]
    public static partial void TransientFailure(ILogger logger, Exception exception, string spoolId, string stage, int attempt, double delaySeconds);

    [LoggerMessage(2104, LogLevel.Critical, "Unexpected failure processing {SpoolId} at stage {Stage}; the instance is quarantined as internal-error so it cannot block the pipeline")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string spoolId, string stage);

    [LoggerMessage(2105, LogLevel.Information, "Ingest pipeline ready: {Workers} workers, {Resumed} instances resumed from the spool, duplicate policy {Policy}")]
    public static partial void PipelineReady(ILogger logger, int workers, int resumed, string policy);

    [LoggerMessage(2106, LogLevel.Debug, "Dropped {SpoolId}: the instance is stored already and the duplicate policy keeps the first")]
    public static partial void DuplicateDropped(ILogger logger, string spoolId);

    [LoggerMessage(2107, LogLevel.Warning, "Removed {Count} temporary store files left by an earlier run; they were never indexed")]
    public static partial void RemovedStoreTemporaries(ILogger logger, int count);

    [LoggerMessage(2108, LogLevel.Information, "Ingest pipeline stopped; {Waiting} instances wait in the spool for the next start")]
    public static partial void PipelineStopped(ILogger logger, long waiting);

    [LoggerMessage(2109, LogLevel.Debug, "An arriving instance was not processed on arrival ({Failure}); it goes the long way, through the spool")]
    public static partial void PrepareDeclined(ILogger logger, string failure);

    [LoggerMessage(2110, LogLevel.Information, "Deleted {StoredPath}: a re-send replaced it under other UIDs before the last stop")]
    public static partial void FinishedReplacement(ILogger logger, string storedPath);
}
