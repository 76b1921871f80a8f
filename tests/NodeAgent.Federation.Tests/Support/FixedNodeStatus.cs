using NodeAgent.Federation.Link;

namespace NodeAgent.Federation.Tests.Support;

/// <summary>Fixed health figures, so the tests can see them arrive at the hub.</summary>
public sealed class FixedNodeStatus : INodeStatus
{
    public static readonly DateTimeOffset LastInstance = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public NodeStatusSnapshot Current() => new(SpoolDepth: 3, FreeDiskBytes: 123_456_789, LastInstance, Patients: 4, Studies: 5, Series: 6, Instances: 70);
}
