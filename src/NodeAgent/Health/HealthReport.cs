using System.Text.Json.Nodes;

namespace NodeAgent.Health;

/// <summary>The agent's health: the worst component's status, and each component in the order registered.</summary>
internal sealed record HealthReport(HealthStatus Status, DateTimeOffset CheckedAt, IReadOnlyList<(string Name, ComponentHealth Health)> Components)
{
    public bool IsHealthy => Status is HealthStatus.Healthy or HealthStatus.Degraded;

    public static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        HealthStatus.Unhealthy => "unhealthy",
        _ => "not configured",
    };

    public JsonObject ToJson()
    {
        var components = new JsonObject();
        foreach (var (name, health) in Components)
        {
            var component = new JsonObject { ["status"] = StatusText(health.Status), ["summary"] = health.Summary };
            foreach (var (key, value) in health.Details)
            {
                component[key] = value?.DeepClone();
            }

            components[name] = component;
        }

        return new JsonObject
        {
            ["status"] = StatusText(Status),
            ["checkedAt"] = CheckedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["components"] = components,
        };
    }
}
