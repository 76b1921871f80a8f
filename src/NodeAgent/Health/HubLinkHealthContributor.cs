using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace NodeAgent.Health;

/// <summary>The hub link, read through <see cref="IHubLinkStatus"/>; "not configured" while no hub link is registered.</summary>
internal sealed class HubLinkHealthContributor(IServiceProvider services) : IHealthContributor
{
    public string Name => "hubLink";

    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var link = services.GetService<IHubLinkStatus>();
        if (link is null || !link.IsConfigured)
        {
            return ValueTask.FromResult(ComponentHealth.NotConfigured("not configured (NodeAgent:Hub)"));
        }

        var state = link.State;
        var details = new JsonObject
        {
            ["state"] = state.ToString().ToLowerInvariant(),
            ["stateValue"] = (int)state,
            ["hub"] = link.Hub,
            ["detail"] = link.Detail,
        };
        // Ingest goes on without the hub, so only a hub that refuses us (certificate, identity) needs a person.
        var (status, summary) = state switch
        {
            HubLinkState.Connected => (HealthStatus.Healthy, $"connected to {link.Hub}"),
            HubLinkState.Connecting => (HealthStatus.Degraded, $"connecting to {link.Hub}"),
            HubLinkState.Refused => (HealthStatus.Unhealthy, $"refused by {link.Hub}: {link.Detail}"),
            _ => (HealthStatus.Degraded, $"disconnected from {link.Hub}: {link.Detail}"),
        };
        return ValueTask.FromResult(new ComponentHealth(status, summary, details));
    }
}
