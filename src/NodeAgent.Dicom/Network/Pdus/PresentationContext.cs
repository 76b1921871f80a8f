namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>A proposed presentation context: the Presentation Context item (20H) of an A-ASSOCIATE-RQ (PS3.8 §9.3.2.2).</summary>
/// <param name="Id">The presentation-context-ID: odd, 1 to 255 (checked on decode and encode).</param>
/// <param name="AbstractSyntax">The abstract syntax (SOP Class) UID; empty when a decoded item had no Abstract Syntax sub-item.</param>
/// <param name="TransferSyntaxes">The proposed transfer syntax UIDs, at least one when encoding; possibly none when decoded.</param>
public sealed record PresentationContext(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
