using Google.Protobuf.WellKnownTypes;
using NodeAgent.Federation.Contract;

namespace NodeAgent.Federation.Link;

/// <summary>What the node tells the hub about itself: Hello on every connect, heartbeats after. Counts and sizes only.</summary>
internal static class NodeReports
{
    public static Hello Hello(string nodeId, IQueryResponder responder, NodeStatusSnapshot status)
    {
        var hello = new Hello
        {
            NodeId = nodeId,
            SoftwareVersion = typeof(NodeReports).Assembly.GetName().Version?.ToString() ?? "",
            PolicyHash = responder.PolicyHash,
            Index = Summary(status),
        };
        hello.Capabilities.AddRange(responder.Capabilities);
        return hello;
    }

    public static Heartbeat Heartbeat(NodeStatusSnapshot status, DateTimeOffset now, string pingId) => new()
    {
        Sent = Timestamp.FromDateTimeOffset(now),
        PingId = pingId,
        Health = new NodeHealth
        {
            SpoolDepth = status.SpoolDepth,
            FreeDiskBytes = status.FreeDiskBytes,
            LastInstanceTime = status.LastInstanceUtc is { } last ? Timestamp.FromDateTimeOffset(last) : null,
            Index = Summary(status),
        },
    };

    private static IndexSummary Summary(NodeStatusSnapshot status) => new()
    {
        Patients = status.Patients,
        Studies = status.Studies,
        Series = status.Series,
        Instances = status.Instances,
    };
}
