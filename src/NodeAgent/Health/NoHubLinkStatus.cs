using NodeAgent.Federation.Link;

namespace NodeAgent.Health;

/// <summary>The hub link while no hub is configured: the federation area replaces it when one is.</summary>
internal sealed class NoHubLinkStatus : IHubLinkStatus
{
    public bool IsConfigured => false;

    public HubLinkState State => HubLinkState.Disconnected;

    public string? Hub => null;

    public string? Detail => null;
}
