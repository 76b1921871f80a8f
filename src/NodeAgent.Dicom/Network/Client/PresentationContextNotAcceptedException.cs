namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// No accepted presentation context can carry the message: none for its SOP class, or none in a transfer syntax the
/// data set is in or can be re-encoded to. Nothing was sent, and the association remains usable.
/// </summary>
public sealed class PresentationContextNotAcceptedException : DicomAssociationException
{
    /// <summary>Creates the exception for a SOP class and the transfer syntax the data set is in.</summary>
    public PresentationContextNotAcceptedException(string sopClassUid, string transferSyntaxUid)
        : base($"No presentation context accepted for SOP class {sopClassUid} in transfer syntax {transferSyntaxUid}")
    {
        SopClassUid = sopClassUid;
        TransferSyntaxUid = transferSyntaxUid;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public PresentationContextNotAcceptedException(string message) : base(message)
    {
        SopClassUid = string.Empty;
        TransferSyntaxUid = string.Empty;
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public PresentationContextNotAcceptedException(string message, Exception innerException) : base(message, innerException)
    {
        SopClassUid = string.Empty;
        TransferSyntaxUid = string.Empty;
    }

    /// <summary>Creates an exception with no message; prefer the other constructors.</summary>
    public PresentationContextNotAcceptedException()
    {
        SopClassUid = string.Empty;
        TransferSyntaxUid = string.Empty;
    }

    /// <summary>The SOP class of the message (a UID, not patient data).</summary>
    public string SopClassUid { get; }

    /// <summary>The transfer syntax the data set is in.</summary>
    public string TransferSyntaxUid { get; }
}
