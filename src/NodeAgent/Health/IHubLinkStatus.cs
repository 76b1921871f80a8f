using NodeAgent.Federation.Link;

namespace NodeAgent.Health;

/// <summary>
/// The seam for the hub link's health. <see cref="NoHubLinkStatus"/> stands in until a hub is configured; then the
/// federation area replaces it with a view of its <see cref="HubLinkWorker"/>.
/// </summary>
internal interface IHubLinkStatus
{
    /// <summary>Whether a hub is configured at all (NodeAgent:Hub:Address); when false the link reports "not configured".</summary>
    bool IsConfigured { get; }

    /// <summary>The link's state now (the <c>nodeagent.hub.link.state</c> gauge's source).</summary>
    HubLinkState State { get; }

    /// <summary>The hub's address, for the report.</summary>
    string? Hub { get; }

    /// <summary>Why the link is not connected (its last error), when it is not.</summary>
    string? Detail { get; }
}
