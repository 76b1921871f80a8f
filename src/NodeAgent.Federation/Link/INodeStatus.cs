namespace NodeAgent.Federation.Link;

/// <summary>The node's health as Hello and the heartbeats report it (implemented by the executable over spool, disk and index).</summary>
public interface INodeStatus
{
    /// <summary>The current figures; cheap enough to call every heartbeat.</summary>
    NodeStatusSnapshot Current();
}
