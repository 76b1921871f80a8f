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
    string Outcome);
