namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The User-Identity-Type of a User Identity sub-item (PS3.7 §D.3.3.7).</summary>
public enum UserIdentityType : byte
{
    /// <summary>Username as a UTF-8 string.</summary>
    Username = 1,

    /// <summary>Username as a UTF-8 string and passcode.</summary>
    UsernameAndPasscode = 2,

    /// <summary>Kerberos Service ticket.</summary>
    Kerberos = 3,

    /// <summary>SAML Assertion.</summary>
    Saml = 4,

    /// <summary>JSON Web Token (JWT).</summary>
    Jwt = 5,
}
