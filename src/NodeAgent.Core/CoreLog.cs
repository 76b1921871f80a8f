using Microsoft.Extensions.Logging;

namespace NodeAgent.Core;

/// <summary>
/// NodeAgent.Core's log messages. Event ids: 2000–2099 spool, 2100–2199 pipeline, 2200–2299 storage.
/// They carry spool ids, AE titles, byte counts and reasons: never a patient attribute or an original UID.
/// </summary>
internal static partial class CoreLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Spooled {SpoolId} from {CallingAE}: {Bytes} bytes, {TransferSyntax}")]
    public static partial void Spooled(ILogger logger, string spoolId, string callingAE, long bytes, string transferSyntax);

    [LoggerMessage(2001, LogLevel.Warning, "C-STORE from {CallingAE} refused: storage below its free-space floor ({FreeMiB} MiB free)")]
    public static partial void BelowFloor(ILogger logger, string callingAE, long freeMiB);

    [LoggerMessage(2002, LogLevel.Warning, "C-STORE {SpoolId} from {CallingAE} rejected with {Status}: {Reason}")]
    public static partial void SpoolRejected(ILogger logger, string spoolId, string callingAE, string status, string reason);

    [LoggerMessage(2003, LogLevel.Error, "Writing spool file {SpoolId} failed")]
    public static partial void SpoolWriteFailed(ILogger logger, Exception exception, string spoolId);

    [LoggerMessage(2004, LogLevel.Warning, "Removed {Count} partial spool files left by an earlier run; they were never acknowledged")]
    public static partial void RemovedPartials(ILogger logger, int count);

    [LoggerMessage(2006, LogLevel.Debug, "Prepared {SpoolId} from {CallingAE} on arrival: {Bytes} bytes, {TransferSyntax}")]
    public static partial void Prepared(ILogger logger, string spoolId, string callingAE, long bytes, string transferSyntax);

    [LoggerMessage(2005, LogLevel.Debug, "C-STORE {SpoolId} is spooled as received and processed afterwards: {Reason}")]
    public static partial void TakingLongWay(ILogger logger, string spoolId, string reason);
}
