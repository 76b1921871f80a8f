using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>The peer ended the association with an A-ABORT (PS3.8 §9.3.8); nothing in flight was completed.</summary>
public sealed class AssociationAbortedException : DicomAssociationException
{
    /// <summary>Creates the exception for the A-ABORT received.</summary>
    /// <param name="abort">The A-ABORT PDU.</param>
    /// <param name="during">What the association was doing, for the message (e.g. "waiting for the C-STORE-RSP").</param>
    public AssociationAbortedException(Abort abort, string during)
        : base($"The peer aborted the association while {during} (source {abort?.Source}, reason {abort?.Reason})")
    {
        ArgumentNullException.ThrowIfNull(abort);
        AbortSource = abort.Source;
        AbortReason = abort.Reason;
    }

    /// <summary>Creates an exception with a message only; prefer the constructor that takes the PDU.</summary>
    public AssociationAbortedException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause; prefer the constructor that takes the PDU.</summary>
    public AssociationAbortedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message; prefer the constructor that takes the PDU.</summary>
    public AssociationAbortedException()
    {
    }

    /// <summary>Service-user (the peer application) or service-provider (its upper layer).</summary>
    public AbortSource AbortSource { get; }

    /// <summary>The reason; significant only when the source is the service-provider.</summary>
    public AbortReason AbortReason { get; }
}
