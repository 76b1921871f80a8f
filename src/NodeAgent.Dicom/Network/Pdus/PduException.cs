namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// A PDU read from the peer violates PS3.8 §9.3 or a local limit. The association cannot continue: the caller sends an
/// A-ABORT (source service-provider) with <see cref="AbortReason"/> and closes the connection.
/// The message names the PDU type and length when they were read.
/// </summary>
public class PduException : DicomException
{
    /// <summary>Creates the exception for a fault in a PDU whose header has (partly) been read.</summary>
    /// <param name="abortReason">The reason to put in the A-ABORT.</param>
    /// <param name="pduType">The PDU-type byte, when it was read.</param>
    /// <param name="pduLength">The PDU-length field, when it was read.</param>
    /// <param name="message">What is wrong, without the PDU type and length (they are appended).</param>
    public PduException(AbortReason abortReason, PduType? pduType, uint? pduLength, string message)
        : base(Describe(message, pduType, pduLength))
    {
        AbortReason = abortReason;
        PduType = pduType;
        PduLength = pduLength;
    }

    /// <summary>Creates the exception for a fault in a PDU, around a lower-level cause.</summary>
    /// <param name="abortReason">The reason to put in the A-ABORT.</param>
    /// <param name="pduType">The PDU-type byte, when it was read.</param>
    /// <param name="pduLength">The PDU-length field, when it was read.</param>
    /// <param name="message">What is wrong, without the PDU type and length (they are appended).</param>
    /// <param name="innerException">The lower-level cause.</param>
    public PduException(AbortReason abortReason, PduType? pduType, uint? pduLength, string message, Exception innerException)
        : base(Describe(message, pduType, pduLength), innerException)
    {
        AbortReason = abortReason;
        PduType = pduType;
        PduLength = pduLength;
    }

    /// <summary>Creates an exception with a message; the abort reason is <see cref="AbortReason.NotSpecified"/>.</summary>
    public PduException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause; the abort reason is <see cref="AbortReason.NotSpecified"/>.</summary>
    public PduException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message; prefer the other constructors.</summary>
    public PduException()
    {
    }

    /// <summary>The reason to send in the A-ABORT that ends the association.</summary>
    public AbortReason AbortReason { get; }

    /// <summary>The PDU-type byte of the offending PDU (possibly not a defined <see cref="Pdus.PduType"/>), or null when not read.</summary>
    public PduType? PduType { get; }

    /// <summary>The PDU-length field of the offending PDU (the bytes after the 6-byte header), or null when not read.</summary>
    public uint? PduLength { get; }

    /// <summary>Names a PDU type for messages: "A-ASSOCIATE-RQ (01H)" or "unknown PDU type 09H".</summary>
    internal static string Name(PduType type) => type switch
    {
        Pdus.PduType.AssociateRequest => "A-ASSOCIATE-RQ (01H)",
        Pdus.PduType.AssociateAccept => "A-ASSOCIATE-AC (02H)",
        Pdus.PduType.AssociateReject => "A-ASSOCIATE-RJ (03H)",
        Pdus.PduType.DataTransfer => "P-DATA-TF (04H)",
        Pdus.PduType.ReleaseRequest => "A-RELEASE-RQ (05H)",
        Pdus.PduType.ReleaseResponse => "A-RELEASE-RP (06H)",
        Pdus.PduType.Abort => "A-ABORT (07H)",
        _ => $"unknown PDU type {(byte)type:X2}H",
    };

    private static string Describe(string message, PduType? type, uint? length) => (type, length) switch
    {
        ({ } t, { } l) => $"{message} [{Name(t)}, PDU-length {l}]",
        ({ } t, null) => $"{message} [{Name(t)}]",
        _ => message,
    };
}
