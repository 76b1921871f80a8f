using System.Text.Json.Nodes;
using NodeAgent.Federation.Link;

namespace NodeAgent.Health;

/// <summary>The hub link, read through <see cref="IHubLinkStatus"/>; "not configured" while no hub is configured.</summary>
internal sealed class HubLinkHealthContributor(IHubLinkStatus link) : IHealthContributor
{
    public string Name => "hubLink";

    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        if (!link.IsConfigured)
        {
            return ValueTask.FromResult(ComponentHealth.NotConfigured("not configured (NodeAgent:Hub:Address)"));
        }

        var state = link.State;
        var details = new JsonObject
        {
            ["state"] = state.ToString().ToLowerInvariant(),
            ["stateValue"] = HubLinkTelemetry.GaugeValue(state),
            ["hub"] = link.Hub,
            ["detail"] = link.Detail,
        };
        // Ingest goes on without the hub, so only a hub that refuses us (certificate, admission) needs a person.
        var (status, summary) = state switch
        {
            HubLinkState.Connected => (HealthStatus.Healthy, $"connected to {link.Hub}"),
            HubLinkState.Connecting => (HealthStatus.Degraded, $"connecting to {link.Hub}"),
            HubLinkState.BackingOff => (HealthStatus.Degraded, $"waiting to reconnect to {link.Hub}"),
            HubLinkState.Refused => (HealthStatus.Unhealthy, $"refused by {link.Hub} (TLS or admission): check the certificates; {link.Detail}"),
            _ => (HealthStatus.Degraded, $"disconnected from {link.Hub}: {link.Detail}"),
        };
        return ValueTask.FromResult(new ComponentHealth(status, summary, details));
    }
}
