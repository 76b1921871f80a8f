using System.Net;

namespace NodeAgent.Dicom.Network;

/// <summary>What is known of a C-STORE when its data set starts to arrive.</summary>
/// <param name="AssociationId">A short id of the association, for logs.</param>
/// <param name="CallingAE">The sender's AE title.</param>
/// <param name="CalledAE">Our AE title as the sender called it.</param>
/// <param name="Peer">The sender's address.</param>
/// <param name="SopClassUid">Affected SOP Class UID of the command.</param>
/// <param name="SopInstanceUid">Affected SOP Instance UID of the command (identifying: never log it).</param>
/// <param name="TransferSyntax">The presentation context's transfer syntax, in which the data set arrives.</param>
public sealed record StoreRequestContext(
    string AssociationId,
    string CallingAE,
    string CalledAE,
    IPAddress Peer,
    string SopClassUid,
    string SopInstanceUid,
    TransferSyntax TransferSyntax);
