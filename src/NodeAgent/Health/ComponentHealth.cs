using System.Text.Json.Nodes;

namespace NodeAgent.Health;

/// <summary>One component's state, a sentence for a person, and the figures behind it (JSON values).</summary>
internal sealed record ComponentHealth(HealthStatus Status, string Summary, JsonObject Details)
{
    public static ComponentHealth NotConfigured(string summary) => new(HealthStatus.NotConfigured, summary, []);
}
