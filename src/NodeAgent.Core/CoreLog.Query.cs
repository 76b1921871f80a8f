using Microsoft.Extensions.Logging;

namespace NodeAgent.Core;

/// <summary>Query engine, disclosure control (2300–2399) and audit (2400–2499). Query ids and requester ids only.</summary>
internal static partial class CoreLog
{
    [LoggerMessage(2300, LogLevel.Information, "Query {QueryId} from {Requester} answered: {Rows} rows, {Suppressed} cells suppressed, ε {Epsilon}")]
    public static partial void QueryAnswered(ILogger logger, string queryId, string requester, int rows, int suppressed, double epsilon);

    [LoggerMessage(2301, LogLevel.Warning, "Query {QueryId} from {Requester} refused ({Code}): {Reason}")]
    public static partial void QueryRefused(ILogger logger, string queryId, string requester, string code, string reason);

    [LoggerMessage(2302, LogLevel.Error, "Query {QueryId} from {Requester} failed and was refused as internal")]
    public static partial void QueryFailed(ILogger logger, Exception exception, string queryId, string requester);

    [LoggerMessage(2303, LogLevel.Information, "Query engine loaded {Series} series rollups")]
    public static partial void RollupsLoaded(ILogger logger, int series);

    [LoggerMessage(2400, LogLevel.Error, "The audit log's last line was torn by a crash; its bytes were moved to {TornFile}")]
    public static partial void AuditTornTail(ILogger logger, string tornFile);

    [LoggerMessage(2401, LogLevel.Critical, "Writing the audit record of query {QueryId} failed; the answer is withheld")]
    public static partial void AuditWriteFailed(ILogger logger, Exception exception, string queryId);
}
