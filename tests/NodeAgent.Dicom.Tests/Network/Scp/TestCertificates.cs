using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>Throwaway certificates for the DICOM TLS tests, and their PEM files for DCMTK.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed certificate; a certificate authority when <paramref name="isAuthority"/>.</summary>
    public static X509Certificate2 SelfSigned(string commonName, bool isAuthority = false)
    {
        using var key = RSA.Create(2048);
        var request = Request(commonName, key, isAuthority);
        // An authority outlives what it issues (CertificateRequest.Create insists).
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(isAuthority ? 2 : 1));
        return Reload(certificate);
    }

    /// <summary>A client/server certificate issued by <paramref name="authority"/>.</summary>
    public static X509Certificate2 IssuedBy(X509Certificate2 authority, string commonName)
    {
        using var key = RSA.Create(2048);
        var request = Request(commonName, key, isAuthority: false);
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>Writes the certificate and its unencrypted private key as PEM files; returns (key, certificate) paths.</summary>
    public static (string Key, string Certificate) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        var keyPath = Path.Combine(directory, name + ".key");
        var certificatePath = Path.Combine(directory, name + ".pem");
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The certificate has no RSA private key.");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        return (keyPath, certificatePath);
    }

    private static CertificateRequest Request(string commonName, RSA key, bool isAuthority)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isAuthority, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            isAuthority ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
            true));
        if (!isAuthority)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        return request;
    }

    /// <summary>Round-trips through PKCS#12 so the private key is usable by SslStream on every platform.</summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}
