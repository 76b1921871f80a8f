using System.Net;

namespace NodeAgent.Dicom.Network;

/// <summary>One line's worth of facts about a finished association, for the log and for metrics. No patient data.</summary>
public sealed record AssociationSummary(
    string AssociationId,
    IPAddress Peer,
    string CallingAE,
    string CalledAE,
    int AcceptedContexts,
    int Instances,
    int Failures,
    long Bytes,
    TimeSpan Duration,
    string Outcome)
{
    /// <summary>How it ended, as one of a few values (the <see cref="Outcome"/> text says more).</summary>
    public AssociationOutcome Kind { get; init; } = AssociationOutcome.Released;

    /// <summary>
    /// For a rejected association, a short code of why: <c>limit</c>, <c>protocol</c>, <c>called-ae</c>,
    /// <c>calling-ae</c>, <c>tls</c>; null otherwise.
    /// </summary>
    public string? RejectReason { get; init; }
}
