namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-AC (PS3.8 §9.3.3).</summary>
/// <param name="CalledAE">Reserved: the called AE title of the request, echoed.</param>
/// <param name="CallingAE">Reserved: the calling AE title of the request, echoed.</param>
/// <param name="PresentationContexts">The result for each proposed presentation context.</param>
/// <param name="UserInformation">The User Information item.</param>
public sealed record AssociateAccept(
    string CalledAE,
    string CallingAE,
    IReadOnlyList<PresentationContextResult> PresentationContexts,
    UserInformation UserInformation)
    : AssociatePdu(CalledAE, CallingAE, UserInformation)
{
    /// <inheritdoc/>
    public override PduType Type => PduType.AssociateAccept;
}
