namespace NodeAgent.Hub.Nodes;

/// <summary>What the registry knows about a node, as the admin endpoint and <c>nodeagent-hub nodes</c> show it.</summary>
public sealed record NodeView(
    string NodeId,
    bool Connected,
    string CertificateSubject,
    string SoftwareVersion,
    string PolicyHash,
    IReadOnlyList<string> Capabilities,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastHeartbeat,
    long SpoolDepth,
    long FreeDiskBytes,
    DateTimeOffset? LastInstanceTime,
    long Patients,
    long Studies,
    long Series,
    long Instances,
    int Heartbeats);
