namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The SOP Class Common Extended Negotiation sub-item (57H, PS3.7 §D.3.3.6), sub-item version 0.</summary>
/// <param name="SopClassUid">The SOP class proposed.</param>
/// <param name="ServiceClassUid">The service class it belongs to.</param>
/// <param name="RelatedGeneralSopClassUids">The related general SOP classes, possibly none.</param>
public sealed record SopClassCommonExtendedNegotiation(string SopClassUid, string ServiceClassUid, IReadOnlyList<string> RelatedGeneralSopClassUids);
