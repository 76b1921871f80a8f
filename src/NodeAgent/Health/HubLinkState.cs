namespace NodeAgent.Health;

/// <summary>The hub link's state, with the values of the <c>nodeagent.hub.link.state</c> gauge.</summary>
internal enum HubLinkState
{
    Disconnected = 0,
    Connecting = 1,
    Connected = 2,
    Refused = 3,
}
