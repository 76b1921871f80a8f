namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The User Identity Negotiation sub-item of an A-ASSOCIATE-AC (59H, PS3.7 §D.3.3.7).</summary>
/// <param name="ServerResponse">The Kerberos server ticket, SAML response or JWT; empty for the username types.</param>
public sealed record UserIdentityResponse(ReadOnlyMemory<byte> ServerResponse);
