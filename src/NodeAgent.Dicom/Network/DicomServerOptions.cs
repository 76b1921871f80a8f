using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace NodeAgent.Dicom.Network;

/// <summary>How the DICOM listener presents itself and whom it serves.</summary>
public sealed record DicomServerOptions
{
    /// <summary>Our AE title; a request calling another title is rejected (PS3.8 Table 9-21, called AE not recognised).</summary>
    public string AeTitle { get; init; } = "NODEAGENT";

    /// <summary>The address to listen on.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The plain DICOM port; 0 picks a free port (tests).</summary>
    public int Port { get; init; } = 11112;

    /// <summary>The DICOM TLS port (PS3.15 Annex B.1); null when TLS is off.</summary>
    public int? TlsPort { get; init; }

    /// <summary>The server certificate, with its private key, for the TLS port.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>When set, TLS clients must present a certificate issued by one of these authorities.</summary>
    public X509Certificate2Collection? TlsClientAuthorities { get; init; }

    /// <summary>The callers admitted; empty admits nobody, <see cref="AllowedCaller.Anyone"/> everybody.</summary>
    public IReadOnlyList<AllowedCaller> AllowedCallers { get; init; } = [AllowedCaller.Anyone];

    /// <summary>Associations served at once; more are rejected (transient, local limit exceeded).</summary>
    public int MaxAssociations { get; init; } = 32;

    /// <summary>The largest P-DATA-TF PDU we accept, announced in the A-ASSOCIATE-AC.</summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>The ARTIM timeout (PS3.8 §9.1.5): how long a new connection has to send its A-ASSOCIATE-RQ.</summary>
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an established association may take to deliver its next whole PDU before it is aborted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long stopping waits for associations in flight before aborting them.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Transfer syntaxes accepted first, in this order; after them, any other proposed syntax the reader can
    /// decode (compressed ones as proposed, so senders never have to transcode).
    /// </summary>
    public IReadOnlyList<string> TransferSyntaxPreference { get; init; } =
        [TransferSyntax.ExplicitVRLittleEndian.Uid, TransferSyntax.ImplicitVRLittleEndian.Uid];

    /// <summary>The abstract syntaxes served: Verification and every Storage SOP class unless narrowed.</summary>
    public IReadOnlySet<string> AbstractSyntaxes { get; init; } = StorageSopClasses.WithVerification;
}
