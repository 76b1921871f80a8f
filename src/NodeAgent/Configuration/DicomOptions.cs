namespace NodeAgent.Configuration;

/// <summary>The DICOM listener: section NodeAgent:Dicom.</summary>
public sealed class DicomOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Dicom";

    /// <summary>Our AE title (1–16 characters, no backslash or control characters).</summary>
    public string AeTitle { get; set; } = "NODEAGENT";

    /// <summary>The address to listen on; the shipped config says 127.0.0.1, a real install 0.0.0.0.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The plain DICOM port.</summary>
    public int Port { get; set; } = 11112;

    /// <summary>The DICOM TLS port; 0 turns TLS off.</summary>
    public int TlsPort { get; set; }

    /// <summary>The TLS server certificate: a PFX/PKCS#12 file, or a PEM file with <see cref="TlsPrivateKey"/>.</summary>
    public string? TlsCertificate { get; set; }

    /// <summary>The PEM private key of a PEM certificate.</summary>
    public string? TlsPrivateKey { get; set; }

    /// <summary>The password of a PFX certificate (a secret: never printed).</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>A PEM file of the CAs whose client certificates are accepted; when set, clients must present one.</summary>
    public string? TlsClientCa { get; set; }

    /// <summary>Who may send: calling AE titles, each with optional source addresses; "*" admits everyone.</summary>
    public List<AllowedCallerOptions> AllowedCallers { get; set; } = [];

    /// <summary>Associations served at once.</summary>
    public int MaxAssociations { get; set; } = 32;

    /// <summary>The largest PDU we accept (bytes).</summary>
    public int MaxPduLength { get; set; } = 256 * 1024;

    /// <summary>Seconds a new connection has to request an association.</summary>
    public int ArtimTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds an association may take to deliver its next PDU.</summary>
    public int IdleTimeoutSeconds { get; set; } = 120;

    /// <summary>Seconds stopping waits for associations in flight.</summary>
    public int DrainTimeoutSeconds { get; set; } = 30;
}
