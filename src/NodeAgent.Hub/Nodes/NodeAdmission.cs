using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Hub.Nodes;

/// <summary>
/// Who may connect: TLS admits certificates that chain to the configured node CA (<see cref="ChainsToCa"/>), then the
/// allow-list admits a node by its certificate's SHA-256 or SHA-1 thumbprint or by its subject name.
/// </summary>
internal sealed class NodeAdmission
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private readonly X509Certificate2Collection _authorities = [];
    private readonly HashSet<string> _thumbprints = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _subjects = new(StringComparer.OrdinalIgnoreCase);

    public NodeAdmission(string clientCaFile, IEnumerable<string> allowed)
    {
        _authorities.ImportFromPemFile(clientCaFile);
        foreach (var entry in allowed.Select(a => a.Trim()).Where(a => a.Length > 0))
        {
            var hex = new string([.. entry.Where(c => c != ':')]);
            if (hex.Length is 40 or 64 && hex.All(Uri.IsHexDigit))
            {
                _thumbprints.Add(hex);
            }
            else
            {
                _subjects.Add(entry.StartsWith("CN=", StringComparison.OrdinalIgnoreCase) ? entry : "CN=" + entry);
                _subjects.Add(entry);
            }
        }
    }

    public static string Sha256(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    /// <summary>The TLS check: the certificate chains to the node CA and may authenticate a client.</summary>
    public bool ChainsToCa(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }

    /// <summary>The allow-list check, after TLS.</summary>
    public bool IsAllowed(X509Certificate2 certificate) =>
        _thumbprints.Contains(Sha256(certificate)) ||
        _thumbprints.Contains(certificate.Thumbprint) ||
        _subjects.Contains(certificate.Subject) ||
        _subjects.Contains(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
}
