using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodeAgent.Federation.Link;

namespace NodeAgent.Health;

/// <summary>The hub link's state read from the federation's worker, which is registered only when a hub is configured.</summary>
internal sealed class HubLinkWorkerStatus(IServiceProvider services) : IHubLinkStatus
{
    private HubLinkWorker? Worker => services.GetService<HubLinkWorker>();

    public bool IsConfigured => Worker is not null;

    public HubLinkState State => Worker?.State ?? HubLinkState.Disconnected;

    public string? Hub => services.GetService<IOptions<HubOptions>>()?.Value.Address;

    public string? Detail => Worker?.LastError;
}
