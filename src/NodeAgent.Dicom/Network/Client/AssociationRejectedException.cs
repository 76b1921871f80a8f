using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>The peer answered the A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ (PS3.8 §9.3.4, Table 9-21).</summary>
public sealed class AssociationRejectedException : DicomAssociationException
{
    /// <summary>Creates the exception for the rejection received.</summary>
    /// <param name="reject">The A-ASSOCIATE-RJ PDU.</param>
    /// <param name="calledAE">The called AE title that was asked for, for the message.</param>
    public AssociationRejectedException(AssociateReject reject, string calledAE)
        : base(Describe(reject ?? throw new ArgumentNullException(nameof(reject)), calledAE))
    {
        Result = reject.Result;
        RejectSource = reject.Source;
        Reason = reject.Reason;
        ReasonName = reject.ReasonName;
    }

    /// <summary>Creates an exception with a message only; prefer the constructor that takes the PDU.</summary>
    public AssociationRejectedException(string message) : base(message)
    {
        ReasonName = string.Empty;
    }

    /// <summary>Creates an exception with a message and cause; prefer the constructor that takes the PDU.</summary>
    public AssociationRejectedException(string message, Exception innerException) : base(message, innerException)
    {
        ReasonName = string.Empty;
    }

    /// <summary>Creates an exception with no message; prefer the constructor that takes the PDU.</summary>
    public AssociationRejectedException()
    {
        ReasonName = string.Empty;
    }

    /// <summary>Permanent, or transient (the same request may succeed later).</summary>
    public AssociateRejectResult Result { get; }

    /// <summary>Who rejected: the called application (service-user) or its DICOM UL service-provider.</summary>
    public AssociateRejectSource RejectSource { get; }

    /// <summary>The Reason/Diag byte, read according to <see cref="RejectSource"/>.</summary>
    public byte Reason { get; }

    /// <summary>The reason by name, e.g. <c>CalledAETitleNotRecognized</c>.</summary>
    public string ReasonName { get; }

    /// <summary>True when retrying later with the same parameters may succeed.</summary>
    public bool IsTransient => Result == AssociateRejectResult.Transient;

    private static string Describe(AssociateReject reject, string calledAE) =>
        $"'{calledAE}' rejected the association ({(reject.Result == AssociateRejectResult.Transient ? "transient" : "permanent")}, " +
        $"source {reject.Source}): {reject.ReasonName}";
}
