namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// The User Identity Negotiation sub-item of an A-ASSOCIATE-RQ (58H, PS3.7 §D.3.3.7). The fields hold credentials: the
/// generated <see cref="object.ToString"/> prints only their lengths, and they must never be logged.
/// </summary>
/// <param name="IdentityType">The user-identity-type; a decoded value outside the enumeration is kept as sent.</param>
/// <param name="PositiveResponseRequested">The requester asks for a User Identity sub-item in the A-ASSOCIATE-AC.</param>
/// <param name="PrimaryField">The username (UTF-8), Kerberos ticket, SAML assertion or JWT.</param>
/// <param name="SecondaryField">The passcode for <see cref="UserIdentityType.UsernameAndPasscode"/>; empty otherwise.</param>
public sealed record UserIdentityRequest(
    UserIdentityType IdentityType,
    bool PositiveResponseRequested,
    ReadOnlyMemory<byte> PrimaryField,
    ReadOnlyMemory<byte> SecondaryField);
