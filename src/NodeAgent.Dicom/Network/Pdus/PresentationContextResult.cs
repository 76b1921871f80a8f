namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The answer to one proposed context: the Presentation Context item (21H) of an A-ASSOCIATE-AC (PS3.8 §9.3.3.2).</summary>
/// <param name="Id">The presentation-context-ID of the proposal answered: odd, 1 to 255.</param>
/// <param name="Result">The Result/Reason; a decoded value outside the enumeration is kept as sent.</param>
/// <param name="TransferSyntax">
/// The accepted transfer syntax UID. Not significant when the context is rejected (PS3.8 Table 9-18): it may then be
/// empty, and a decoded item without the sub-item yields the empty string.
/// </param>
public sealed record PresentationContextResult(byte Id, PresentationContextResultReason Result, string TransferSyntax)
{
    /// <summary>True when the context was accepted.</summary>
    public bool IsAccepted => Result == PresentationContextResultReason.Acceptance;
}
