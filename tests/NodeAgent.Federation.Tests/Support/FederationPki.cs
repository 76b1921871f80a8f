using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Federation.Tests.Support;

/// <summary>
/// A private CA made for one test run (ECDSA P-256: fast to make) issuing the hub's server certificate (localhost,
/// 127.0.0.1) and node client certificates, each written as a PEM certificate and a PKCS#8 PEM key.
/// </summary>
public sealed class FederationPki : IDisposable
{
    private readonly X509Certificate2 _authority;
    private readonly string _directory;

    private FederationPki(X509Certificate2 authority, string directory, string authorityPem)
    {
        _authority = authority;
        _directory = directory;
        AuthorityPem = authorityPem;
    }

    public string AuthorityPem { get; }

    public static FederationPki Create(string directory, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Federation test CA {name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var authority = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var pem = Path.Combine(directory, $"{name}-ca.pem");
        File.WriteAllText(pem, authority.ExportCertificatePem() + "\n");
        return new FederationPki(authority, directory, pem);
    }

    public Issued IssueHub(string name) => Issue(name, "localhost", "1.3.6.1.5.5.7.3.1", loopbackNames: true);

    public Issued IssueNode(string name) => Issue(name, name, "1.3.6.1.5.5.7.3.2", loopbackNames: false);

    public void Dispose() => _authority.Dispose();

    private Issued Issue(string name, string commonName, string usage, bool loopbackNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
        if (loopbackNames)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_authority, now.AddHours(-1), now.AddDays(28), serial);
        var certificate = Path.Combine(_directory, $"{name}.pem");
        var privateKey = Path.Combine(_directory, $"{name}.key");
        File.WriteAllText(certificate, issued.ExportCertificatePem() + "\n");
        File.WriteAllText(privateKey, key.ExportPkcs8PrivateKeyPem() + "\n");
        return new Issued(certificate, privateKey, Convert.ToHexString(SHA256.HashData(issued.RawData)), issued.Subject);
    }

    public sealed record Issued(string Certificate, string PrivateKey, string Sha256, string Subject);
}
