namespace NodeAgent.Hub.Hosting;

/// <summary>The reference hub: section Hub of its configuration file.</summary>
public sealed class HubServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hub";

    /// <summary>The address nodes dial (an IP address); 0.0.0.0 for every interface.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>The gRPC port (HTTP/2 over TLS); 0 picks a free one.</summary>
    public int Port { get; set; } = 8443;

    /// <summary>The hub's TLS certificate: PFX, or PEM (with its intermediates) and <see cref="PrivateKey"/>.</summary>
    public string? Certificate { get; set; }

    /// <summary>The PEM private key of a PEM certificate.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>The password of a PFX certificate (a secret).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A PEM file of the CAs node certificates must chain to.</summary>
    public string? ClientCa { get; set; }

    /// <summary>The nodes admitted: certificate SHA-256 (or SHA-1) thumbprints, or subject names ("CN=node-a" or "node-a").</summary>
    public List<string> AllowedNodes { get; set; } = [];

    /// <summary>The loopback-only admin port the CLI talks to; 0 picks a free one.</summary>
    public int AdminPort { get; set; } = 8444;
}
