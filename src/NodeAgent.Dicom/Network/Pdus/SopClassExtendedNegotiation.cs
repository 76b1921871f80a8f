namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The SOP Class Extended Negotiation sub-item (56H, PS3.7 §D.3.3.5).</summary>
/// <param name="SopClassUid">The SOP class negotiated.</param>
/// <param name="ServiceClassApplicationInformation">The service-class-application-information bytes, defined per service class in PS3.4.</param>
public sealed record SopClassExtendedNegotiation(string SopClassUid, ReadOnlyMemory<byte> ServiceClassApplicationInformation);
