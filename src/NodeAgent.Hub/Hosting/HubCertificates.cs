using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Hub.Hosting;

/// <summary>Loads the hub's TLS certificate: PFX, or PEM with its key (and any intermediates after it in the file).</summary>
internal static class HubCertificates
{
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) Load(HubServerOptions options)
    {
        var chain = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(options.Certificate!, options.CertificatePassword);
            var leaf = all.Single(c => c.HasPrivateKey);
            chain.AddRange(all.Where(c => !c.HasPrivateKey).ToArray());
            return (leaf, chain);
        }

        using var pem = X509Certificate2.CreateFromPemFile(options.Certificate!, options.PrivateKey);
        // Through PKCS#12 so the key is usable by TLS on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        chain.ImportFromPemFile(options.Certificate!);
        var intermediates = chain.Where(c => c.Thumbprint != certificate.Thumbprint).ToArray();
        chain.Clear();
        chain.AddRange(intermediates);
        return (certificate, chain);
    }
}
