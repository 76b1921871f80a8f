using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Federation.Link;

/// <summary>
/// Decides whether the hub's TLS certificate is trusted: it must chain to a configured CA (never the machine store)
/// and/or have a pinned SHA-256 thumbprint, and match the host name dialled.
/// </summary>
internal sealed class HubTrust
{
    private readonly X509Certificate2Collection _authorities;
    private readonly string? _pinnedSha256;

    public HubTrust(string? trustedCaFile, string? pinnedThumbprint)
    {
        _authorities = [];
        if (!string.IsNullOrWhiteSpace(trustedCaFile))
        {
            _authorities.ImportFromPemFile(trustedCaFile);
            if (_authorities.Count == 0)
            {
                throw new ArgumentException($"the trusted CA file '{trustedCaFile}' holds no certificate", nameof(trustedCaFile));
            }
        }

        _pinnedSha256 = string.IsNullOrWhiteSpace(pinnedThumbprint) ? null : NormaliseThumbprint(pinnedThumbprint);
        if (_authorities.Count == 0 && _pinnedSha256 is null)
        {
            throw new ArgumentException("the hub must be trusted through a CA file or a pinned thumbprint");
        }
    }

    /// <summary>The last reason a certificate was rejected, for the link's "refused" log line.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>Upper-case hex without separators.</summary>
    public static string NormaliseThumbprint(string thumbprint) =>
        new([.. thumbprint.Where(Uri.IsHexDigit).Select(char.ToUpperInvariant)]);

    /// <summary>The SHA-256 thumbprint of a certificate, upper-case hex.</summary>
    public static string Sha256Thumbprint(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return Reject("the hub presented no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Reject("the hub's certificate does not name the address dialled");
        }

        if (_pinnedSha256 is not null && Sha256Thumbprint(certificate) != _pinnedSha256)
        {
            return Reject("the hub's certificate does not have the pinned thumbprint");
        }

        if (_authorities.Count > 0 && !ChainsToAuthority(certificate, chain))
        {
            return Reject("the hub's certificate does not chain to the trusted CA");
        }

        LastRejection = null;
        return true;
    }

    private bool ChainsToAuthority(X509Certificate certificate, X509Chain? presented)
    {
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        if (presented is not null)
        {
            // Intermediates the hub sent along with its certificate.
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }

    private bool Reject(string reason)
    {
        LastRejection = reason;
        return false;
    }
}
