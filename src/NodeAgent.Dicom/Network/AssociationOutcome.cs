namespace NodeAgent.Dicom.Network;

/// <summary>How an association ended, as a small closed set (for metrics; the summary's text says more).</summary>
public enum AssociationOutcome
{
    /// <summary>Released normally by the requestor (A-RELEASE).</summary>
    Released,

    /// <summary>Refused before it was established: A-ASSOCIATE-RJ, or a failed DICOM TLS handshake.</summary>
    Rejected,

    /// <summary>Aborted by us (A-ABORT after a protocol fault, a timeout, or because the listener is stopping).</summary>
    Aborted,

    /// <summary>Aborted by the peer (it sent A-ABORT).</summary>
    AbortedByPeer,

    /// <summary>The connection closed or failed without a release.</summary>
    ConnectionLost,
}
