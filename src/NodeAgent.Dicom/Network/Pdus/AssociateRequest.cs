namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// A-ASSOCIATE-RQ (PS3.8 §9.3.2). Decoding checks the framing only: a request without presentation contexts, with repeated
/// presentation context ids or with an unsupported application context is returned as read, for the association layer
/// to answer with an A-ASSOCIATE-RJ or per-context results.
/// </summary>
/// <param name="CalledAE">The called AE title.</param>
/// <param name="CallingAE">The calling AE title.</param>
/// <param name="PresentationContexts">The proposed presentation contexts, in the order they were sent.</param>
/// <param name="UserInformation">The User Information item.</param>
public sealed record AssociateRequest(
    string CalledAE,
    string CallingAE,
    IReadOnlyList<PresentationContext> PresentationContexts,
    UserInformation UserInformation)
    : AssociatePdu(CalledAE, CallingAE, UserInformation)
{
    /// <inheritdoc/>
    public override PduType Type => PduType.AssociateRequest;
}
