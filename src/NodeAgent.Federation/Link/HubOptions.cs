namespace NodeAgent.Federation.Link;

/// <summary>The node's link to the hub: section NodeAgent:Hub. The link is off unless <see cref="Address"/> is set.</summary>
public sealed class HubOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Hub";

    /// <summary>The hub, as an https URL (for example https://hub.example.org:8443); empty turns the link off.</summary>
    public string? Address { get; set; }

    /// <summary>This node's name in the federation, sent in Hello.</summary>
    public string? NodeId { get; set; }

    /// <summary>The client certificate: a PFX/PKCS#12 file, or a PEM file (with its intermediates) and <see cref="ClientKey"/>.</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>The PEM private key of a PEM client certificate.</summary>
    public string? ClientKey { get; set; }

    /// <summary>The password of a PFX client certificate (a secret: never printed).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A PEM file of the CAs the hub's certificate must chain to (not the machine store).</summary>
    public string? TrustedCa { get; set; }

    /// <summary>The SHA-256 thumbprint (hex, colons allowed) the hub's certificate must have; with <see cref="TrustedCa"/> both must hold.</summary>
    public string? PinnedThumbprint { get; set; }

    /// <summary>An HTTP proxy URL (for example http://proxy.hospital.local:3128) the link tunnels through.</summary>
    public string? Proxy { get; set; }

    /// <summary>Seconds between heartbeats (each one jittered by ±10 %).</summary>
    public double HeartbeatSeconds { get; set; } = 30;

    /// <summary>The cap of the reconnect backoff, in seconds.</summary>
    public double MaxBackoffSeconds { get; set; } = 30;

    /// <summary>True when the link is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Address);
}
