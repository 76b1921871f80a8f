namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// The association requested by <see cref="DicomAssociation"/> could not be set up or broke down: the connection
/// failed or closed, the TLS handshake failed, or the peer answered outside the protocol. The subclasses name a
/// rejection and an abort; protocol faults in what the peer sent are <see cref="Pdus.PduException"/>s, and
/// timeouts are <see cref="TimeoutException"/>s.
/// </summary>
public class DicomAssociationException : DicomException
{
    /// <summary>Creates an exception with a message.</summary>
    public DicomAssociationException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public DicomAssociationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message; prefer the other constructors.</summary>
    public DicomAssociationException()
    {
    }
}
