namespace NodeAgent.Health;

/// <summary>A component's state; the agent's is the worst of its components' (not configured counts as healthy).</summary>
internal enum HealthStatus
{
    Healthy,
    NotConfigured,
    Degraded,
    Unhealthy,
}
