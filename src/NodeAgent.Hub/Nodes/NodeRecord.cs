using NodeAgent.Federation.Contract;

namespace NodeAgent.Hub.Nodes;

/// <summary>The registry's mutable entry of one node; guarded by the registry's lock.</summary>
internal sealed class NodeRecord(string nodeId)
{
    public string NodeId { get; } = nodeId;

    public NodeConnection? Connection { get; set; }

    public Hello Hello { get; set; } = new();

    public string CertificateSubject { get; set; } = "";

    public DateTimeOffset? ConnectedSince { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public DateTimeOffset? LastHeartbeat { get; set; }

    public NodeHealth Health { get; set; } = new();

    public int Heartbeats { get; set; }

    public NodeView View()
    {
        var index = Health.Index ?? Hello.Index ?? new IndexSummary();
        return new NodeView(
            NodeId,
            Connection is not null,
            CertificateSubject,
            Hello.SoftwareVersion,
            Hello.PolicyHash,
            [.. Hello.Capabilities],
            ConnectedSince,
            LastSeen,
            LastHeartbeat,
            Health.SpoolDepth,
            Health.FreeDiskBytes,
            Health.LastInstanceTime?.ToDateTimeOffset(),
            index.Patients,
            index.Studies,
            index.Series,
            index.Instances,
            Heartbeats);
    }
}
