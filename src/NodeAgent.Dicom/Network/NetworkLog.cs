using System.Net;
using Microsoft.Extensions.Logging;

namespace NodeAgent.Dicom.Network;

/// <summary>
/// The network layer's log messages (event ids 1000–1099). They name peers, AE titles, association ids,
/// counts and reasons; never a patient attribute or an instance UID.
/// </summary>
internal static partial class NetworkLog
{
    [LoggerMessage(1000, LogLevel.Information, "DICOM listener on {EndPoint} as {AeTitle}{Tls}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint, string aeTitle, string tls);

    [LoggerMessage(1001, LogLevel.Information,
        "Association {AssociationId} from {Peer}: {CallingAE} -> {CalledAE}, {Contexts} contexts accepted, {Instances} instances ({Failures} failed), {Bytes} bytes in {DurationMs} ms: {Outcome}")]
    public static partial void AssociationEnded(ILogger logger, string associationId, IPAddress peer, string callingAE, string calledAE,
        int contexts, int instances, int failures, long bytes, long durationMs, string outcome);

    [LoggerMessage(1002, LogLevel.Warning, "Association {AssociationId} from {Peer} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string associationId, IPAddress peer, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Association {AssociationId} from {Peer} aborted: {Reason}")]
    public static partial void Aborted(ILogger logger, string associationId, IPAddress peer, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "C-STORE on association {AssociationId} answered {Status}: {Comment}")]
    public static partial void StoreFailed(ILogger logger, string associationId, string status, string comment);

    [LoggerMessage(1005, LogLevel.Error, "Association {AssociationId} from {Peer} failed unexpectedly")]
    public static partial void Failed(ILogger logger, Exception exception, string associationId, IPAddress peer);

    [LoggerMessage(1006, LogLevel.Warning, "TLS handshake with {Peer} failed: {Reason}")]
    public static partial void TlsFailed(ILogger logger, IPAddress peer, string reason);

    [LoggerMessage(1007, LogLevel.Information, "DICOM listener stopping; waiting up to {Seconds} s for {Count} associations")]
    public static partial void Draining(ILogger logger, double seconds, int count);

    [LoggerMessage(1008, LogLevel.Error, "Accepting a connection failed ({Error}): {Reason}; the listener keeps accepting")]
    public static partial void AcceptFailed(ILogger logger, string error, string reason);
}
