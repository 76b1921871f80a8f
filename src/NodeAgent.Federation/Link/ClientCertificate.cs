using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Federation.Link;

/// <summary>Loads the node's client certificate (PFX, or PEM + key, with intermediates) as a TLS certificate context.</summary>
internal static class ClientCertificate
{
    public static SslStreamCertificateContext Load(string certificateFile, string? keyFile, string? password)
    {
        X509Certificate2 leaf;
        var intermediates = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(keyFile))
        {
            var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(certificateFile, password);
            leaf = all.Single(c => c.HasPrivateKey);
            intermediates.AddRange(all.Where(c => !c.HasPrivateKey).ToArray());
        }
        else
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            // Through PKCS#12 so the key is usable by TLS on every platform (an ephemeral PEM key is not, on Windows).
            leaf = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(certificateFile);
            intermediates.AddRange(chain.Where(c => c.Thumbprint != leaf.Thumbprint).ToArray());
        }

        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }
}
