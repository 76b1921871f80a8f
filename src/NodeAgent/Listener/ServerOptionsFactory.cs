using System.Net;
using System.Security.Cryptography.X509Certificates;
using NodeAgent.Configuration;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Listener;

/// <summary>Turns the validated configuration into the listener's options, loading the TLS certificates.</summary>
internal static class ServerOptionsFactory
{
    public static DicomServerOptions Create(DicomOptions options)
    {
        var callers = options.AllowedCallers.Count == 0
            ? []
            : options.AllowedCallers.Select(c => new AllowedCaller(c.AeTitle, c.Addresses.Select(IPAddress.Parse).ToList())).ToList();
        return new DicomServerOptions
        {
            AeTitle = options.AeTitle,
            BindAddress = IPAddress.Parse(options.BindAddress),
            Port = options.Port,
            TlsPort = options.TlsPort == 0 ? null : options.TlsPort,
            TlsCertificate = options.TlsPort == 0 ? null : LoadCertificate(options),
            TlsClientAuthorities = options.TlsPort == 0 || string.IsNullOrWhiteSpace(options.TlsClientCa) ? null : LoadAuthorities(options.TlsClientCa),
            AllowedCallers = callers,
            MaxAssociations = options.MaxAssociations,
            MaxPduLength = (uint)options.MaxPduLength,
            ArtimTimeout = TimeSpan.FromSeconds(options.ArtimTimeoutSeconds),
            IdleTimeout = TimeSpan.FromSeconds(options.IdleTimeoutSeconds),
            DrainTimeout = TimeSpan.FromSeconds(options.DrainTimeoutSeconds),
        };
    }

    private static X509Certificate2 LoadCertificate(DicomOptions options)
    {
        var path = options.TlsCertificate!;
        if (!string.IsNullOrWhiteSpace(options.TlsPrivateKey))
        {
            using var pem = X509Certificate2.CreateFromPemFile(path, options.TlsPrivateKey);
            // SslStream on Linux wants a certificate whose key is not ephemeral; a PKCS#12 round trip gives one.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, options.TlsCertificatePassword);
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        return authorities;
    }
}
