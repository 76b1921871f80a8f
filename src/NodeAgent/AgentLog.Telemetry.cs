using Microsoft.Extensions.Logging;

namespace NodeAgent;

// The executable's log messages, one partial file per area (COMMON: telemetry/health 4100–4199).
internal static partial class AgentLog
{
    [LoggerMessage(4100, LogLevel.Information, "Monitoring endpoint on http://{EndPoint}: /metrics, /healthz, /status")]
    public static partial void MonitoringListening(ILogger logger, string endPoint);

    [LoggerMessage(4101, LogLevel.Information, "Telemetry: OTLP export of metrics, traces and logs to {Endpoint} ({Protocol})")]
    public static partial void OtlpExporting(ILogger logger, string endpoint, string protocol);
}
