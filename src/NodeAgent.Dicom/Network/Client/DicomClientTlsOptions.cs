using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>DICOM TLS for an outgoing association (PS3.15 Annex B.1, BCP 195): whom to trust and who we are.</summary>
public sealed record DicomClientTlsOptions
{
    /// <summary>
    /// The host name the server certificate must be issued to (SNI and name check); null uses the host passed to
    /// <c>ConnectAsync</c>.
    /// </summary>
    public string? TargetHost { get; init; }

    /// <summary>
    /// The authorities a server certificate must chain to. Null trusts the operating system's store; a collection
    /// trusts only these roots (a site's private CA), which is the usual case in a hospital network.
    /// </summary>
    public X509Certificate2Collection? TrustedAuthorities { get; init; }

    /// <summary>Our certificate, with its private key, for peers that require client authentication; null sends none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The protocol versions offered: TLS 1.2 and 1.3, as BCP 195 asks.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// Revocation checking of the server's chain. Off by default, like the listener's: private hospital CAs rarely
    /// publish a reachable CRL or OCSP responder, and an unreachable one would fail every association.
    /// </summary>
    public X509RevocationMode RevocationMode { get; init; } = X509RevocationMode.NoCheck;
}
