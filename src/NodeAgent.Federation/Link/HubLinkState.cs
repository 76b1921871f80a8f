namespace NodeAgent.Federation.Link;

/// <summary>The state of the node's link to the hub (the <c>nodeagent.hub.link.state</c> gauge maps it to 0–3).</summary>
public enum HubLinkState
{
    /// <summary>Not connected and not trying (not started, stopped, or between a lost session and the next attempt).</summary>
    Disconnected,

    /// <summary>Dialling the hub.</summary>
    Connecting,

    /// <summary>An attempt failed for a transient reason; waiting for the next one.</summary>
    BackingOff,

    /// <summary>The hub admitted the node; the stream is open.</summary>
    Connected,

    /// <summary>TLS or the hub's admission refused the link (untrusted hub, certificate not allowed); still retrying.</summary>
    Refused,
}
