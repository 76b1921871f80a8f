using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Tests.Support;

/// <summary>
/// A private certificate authority made for one test run (RSA 2048, SHA-256), which issues server and client
/// certificates (and intermediate CAs) and writes everything as PEM files, the form both the node's configuration
/// and DCMTK read. A certificate file issued under an intermediate holds the chain up to (not including) the root,
/// as a real hospital PKI hands it out.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2 _authority;
    private readonly string _directory;
    private readonly string _issuerChainPem;

    private TestCertificates(X509Certificate2 authority, string directory, string authorityPem, string issuerChainPem)
    {
        _authority = authority;
        _directory = directory;
        _issuerChainPem = issuerChainPem;
        AuthorityPem = authorityPem;
    }

    /// <summary>The CA's certificate as a PEM file: what a peer adds to its trusted certificates.</summary>
    public string AuthorityPem { get; }

    /// <summary>Makes a self-signed CA named <paramref name="name"/> and writes its certificate to <c>DIRECTORY/NAME-ca.pem</c>.</summary>
    public static TestCertificates CreateAuthority(string directory, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = RSA.Create(2048);
        var request = AuthorityRequest(name, key, pathLength: null);
        var now = DateTimeOffset.UtcNow;
        var authority = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var pem = Path.Combine(directory, $"{name}-ca.pem");
        File.WriteAllText(pem, authority.ExportCertificatePem() + "\n");
        return new TestCertificates(authority, directory, pem, issuerChainPem: "");
    }

    /// <summary>
    /// Issues an intermediate CA under this one (path length 0) and writes its certificate to <c>NAME-ca.pem</c>;
    /// what it issues carries it in the certificate file, so a peer trusting only the root can build the chain.
    /// </summary>
    public TestCertificates IssueIntermediate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = RSA.Create(2048);
        var request = AuthorityRequest(name, key, pathLength: 0);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_authority, now.AddHours(-2), now.AddDays(29), SerialNumber());
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so the certificate keeps a usable key after `key` is disposed, on every platform.
        var intermediate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var certificatePem = intermediate.ExportCertificatePem() + "\n";
        var pem = Path.Combine(_directory, $"{name}-ca.pem");
        File.WriteAllText(pem, certificatePem);
        return new TestCertificates(intermediate, _directory, pem, certificatePem + _issuerChainPem);
    }

    /// <summary>Issues a TLS server certificate for localhost and 127.0.0.1; writes <c>NAME.pem</c> and <c>NAME.key</c>.</summary>
    public PemFiles IssueServer(string name) => Issue(name, "localhost", ServerAuthentication, withLoopbackNames: true);

    /// <summary>Issues a TLS client certificate; writes <c>NAME.pem</c> and <c>NAME.key</c>.</summary>
    public PemFiles IssueClient(string name) => Issue(name, name, ClientAuthentication, withLoopbackNames: false);

    public void Dispose() => _authority.Dispose();

    private PemFiles Issue(string name, string commonName, Oid usage, bool withLoopbackNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (withLoopbackNames)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_authority, now.AddHours(-1), now.AddDays(28), SerialNumber());
        var files = new PemFiles(Path.Combine(_directory, $"{name}.pem"), Path.Combine(_directory, $"{name}.key"));
        File.WriteAllText(files.Certificate, issued.ExportCertificatePem() + "\n" + _issuerChainPem);
        File.WriteAllText(files.PrivateKey, key.ExportPkcs8PrivateKeyPem() + "\n");
        return files;
    }

    private static CertificateRequest AuthorityRequest(string name, RSA key, int? pathLength)
    {
        var request = new CertificateRequest($"CN=NodeAgent test CA {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: pathLength is not null, pathLengthConstraint: pathLength ?? 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }

    /// <summary>A positive, non-zero serial number (RFC 5280 §4.1.2.2): the sign bit cleared, a low bit set.</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    /// <summary>A certificate (followed by its issuing intermediates, if any) and its unencrypted private key (PKCS#8), each a PEM file.</summary>
    public sealed record PemFiles(string Certificate, string PrivateKey);
}
