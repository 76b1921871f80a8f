namespace NodeAgent.Telemetry;

/// <summary>The one meter name and the one ActivitySource name every area uses (COMMON decisions).</summary>
internal static class TelemetryNames
{
    public const string Meter = "NodeAgent";
    public const string ActivitySource = "NodeAgent";
    public const string InstancesReceived = "nodeagent.instances.received";
    public const string InstancesStored = "nodeagent.instances.stored";
    public const string Queries = "nodeagent.queries";
}
