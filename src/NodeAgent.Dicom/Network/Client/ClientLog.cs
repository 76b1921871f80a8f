using Microsoft.Extensions.Logging;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// The association requestor's log messages (event ids 1100–1119, beside the listener's 1000–1099). They name the
/// peer's address, AE titles, counts, statuses and reasons; never a patient attribute or an instance UID.
/// </summary>
internal static partial class ClientLog
{
    [LoggerMessage(1100, LogLevel.Information,
        "Association to {Peer} as {CallingAE} -> {CalledAE}: {Accepted} of {Proposed} presentation contexts accepted, peer max PDU {PeerMaxPdu}{Tls}")]
    public static partial void Established(ILogger logger, string peer, string callingAE, string calledAE, int accepted, int proposed, uint peerMaxPdu, string tls);

    [LoggerMessage(1101, LogLevel.Warning, "Association to {Peer} ({CalledAE}) rejected: {Result}, source {Source}, reason {Reason}")]
    public static partial void Rejected(ILogger logger, string peer, string calledAE, string result, string source, string reason);

    [LoggerMessage(1102, LogLevel.Warning, "Association to {Peer} aborted: {Reason}")]
    public static partial void Aborted(ILogger logger, string peer, string reason);

    [LoggerMessage(1103, LogLevel.Information,
        "Association to {Peer} released: {Instances} instances sent ({Failures} not stored), {Bytes} bytes in {DurationMs} ms")]
    public static partial void Released(ILogger logger, string peer, int instances, int failures, long bytes, long durationMs);

    [LoggerMessage(1104, LogLevel.Warning, "C-STORE to {Peer} answered {Status}")]
    public static partial void StoreNotStored(ILogger logger, string peer, string status);

    [LoggerMessage(1105, LogLevel.Debug, "C-STORE to {Peer}: {Bytes} bytes in {TransferSyntax}, {Mode}")]
    public static partial void StoreSent(ILogger logger, string peer, long bytes, string transferSyntax, string mode);
}
