using NodeAgent.Federation.Link;
using NodeAgent.Health;

namespace NodeAgent.Federation;

/// <summary>
/// The hub link as /healthz and `nodeagent status` see it, read from the running worker. Registered only when a hub is
/// configured; it then takes the place of the health area's default (<see cref="NoHubLinkStatus"/>).
/// </summary>
internal sealed class HubLinkStatus(HubLinkWorker worker, HubOptions options) : IHubLinkStatus
{
    public bool IsConfigured => options.Enabled;

    public HubLinkState State => worker.State;

    public string? Hub => options.Address;

    public string? Detail => worker.LastError;
}
