namespace NodeAgent.Dicom.Network.Client;

/// <summary>How one instance goes: on which context, in which syntax, and whether its bytes are copied from the file.</summary>
/// <param name="Context">The accepted presentation context.</param>
/// <param name="Syntax">The transfer syntax of the data set sent: the context's.</param>
/// <param name="BodyOffset">Where the data set starts in the file when it is sent as it is; null to re-encode it.</param>
/// <param name="PadToEven">
/// Append one NUL byte to the copied bytes: a deflated bitstream of odd length is padded so (PS3.5 §A.5), since a
/// DIMSE data set must have even length, but files are found without the pad.
/// </param>
internal sealed record StorePlan(AcceptedPresentationContext Context, TransferSyntax Syntax, long? BodyOffset, bool PadToEven = false)
{
    public string Mode => BodyOffset is null ? "re-encoded" : "copied from the file";
}
