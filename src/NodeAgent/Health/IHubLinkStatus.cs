namespace NodeAgent.Health;

/// <summary>
/// The seam for the hub link's health: the federation area registers its implementation as a singleton
/// (<c>services.AddSingleton&lt;IHubLinkStatus, ...&gt;()</c>) next to its <c>nodeagent.hub.link.state</c> gauge.
/// Until one is registered, the hub link reports "not configured".
/// </summary>
internal interface IHubLinkStatus
{
    /// <summary>Whether a hub is configured at all (NodeAgent:Hub:*); when false the link reports "not configured".</summary>
    bool IsConfigured { get; }

    /// <summary>The link's state now.</summary>
    HubLinkState State { get; }

    /// <summary>The hub's address, for the report.</summary>
    string? Hub { get; }

    /// <summary>Why the link is not connected (the last error), if it is not.</summary>
    string? Detail { get; }
}
