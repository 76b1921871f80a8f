using NodeAgent.Federation.Link;
using NodeAgent.Health;
using HealthState = NodeAgent.Health.HubLinkState;
using LinkState = NodeAgent.Federation.Link.HubLinkState;

namespace NodeAgent.Federation;

/// <summary>The hub link as /healthz and `nodeagent status` see it, read from the running worker.</summary>
internal sealed class HubLinkStatus(HubLinkWorker worker, HubOptions options) : IHubLinkStatus
{
    public bool IsConfigured => options.Enabled;

    public HealthState State => worker.State switch
    {
        LinkState.Connected => HealthState.Connected,
        LinkState.Connecting or LinkState.BackingOff => HealthState.Connecting,
        LinkState.Refused => HealthState.Refused,
        _ => HealthState.Disconnected,
    };

    public string? Hub => options.Address;

    public string? Detail => worker.LastError;
}
