namespace NodeAgent.Configuration;

/// <summary>Metrics, traces and the local monitoring endpoint: section NodeAgent:Telemetry.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Telemetry";

    /// <summary>An OpenTelemetry collector to send metrics, traces and logs to (http or https URI); none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The OTLP protocol: <c>grpc</c> (port 4317 by convention) or <c>http/protobuf</c> (4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Headers sent with every OTLP export, such as an API key (secrets: check-config masks them).</summary>
    public Dictionary<string, string> OtlpHeaders { get; set; } = [];

    /// <summary>Also write metrics and traces to standard output (for a first look, not for production).</summary>
    public bool ConsoleExporter { get; set; }

    /// <summary>The loopback address the monitoring endpoint binds to: 127.0.0.1 or ::1, never another.</summary>
    public string MetricsAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The port of the monitoring endpoint (<c>/metrics</c> for Prometheus, <c>/healthz</c>, <c>/status</c>); 0 turns it
    /// off. Off in code and in the shipped defaults, so development runs and tests never collide on a fixed port; the
    /// installers' machine configuration turns it on at 9464.
    /// </summary>
    public int MetricsPort { get; set; }
}
