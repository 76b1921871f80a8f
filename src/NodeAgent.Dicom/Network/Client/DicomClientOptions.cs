using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>How <see cref="DicomAssociation"/> presents itself to a peer and how long it waits for it.</summary>
public sealed record DicomClientOptions
{
    /// <summary>The smallest Maximum Length we advertise: a response command always fits in one PDU of this size.</summary>
    public const uint MinimumMaxPduLength = 4096;

    /// <summary>Our AE title, sent as the calling AE title (PS3.8 §9.3.2).</summary>
    public string CallingAE { get; init; } = "NODEAGENT";

    /// <summary>The peer's AE title, sent as the called AE title.</summary>
    public required string CalledAE { get; init; }

    /// <summary>
    /// The largest P-DATA-TF PDU-length we receive, advertised in the Maximum Length sub-item (PS3.8 Annex D.1).
    /// What we send is cut to the peer's own limit.
    /// </summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>How long the TCP connection (and the TLS handshake, when on) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long to wait for the A-ASSOCIATE-AC/RJ and for the A-RELEASE-RP (the ARTIM timer's role, PS3.8 §9.1.5).
    /// </summary>
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for each DIMSE response once the request has been sent; the association is aborted after it.</summary>
    public TimeSpan DimseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>DICOM TLS (PS3.15 Annex B.1) settings; null for a plain TCP connection.</summary>
    public DicomClientTlsOptions? Tls { get; init; }

    /// <summary>Checks every field; called by <see cref="DicomAssociation.ConnectAsync(string, int, DicomClientOptions, IReadOnlyList{PresentationContext}, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException">A field is out of range: the message names it.</exception>
    public void Validate()
    {
        if (!AeTitle.IsValid(CallingAE))
        {
            throw new ArgumentException($"The calling AE title '{CallingAE}' is not 1 to 16 characters of the default repertoire without backslash.", nameof(CallingAE));
        }

        if (!AeTitle.IsValid(CalledAE))
        {
            throw new ArgumentException($"The called AE title '{CalledAE}' is not 1 to 16 characters of the default repertoire without backslash.", nameof(CalledAE));
        }

        if (MaxPduLength is < MinimumMaxPduLength or > int.MaxValue)
        {
            throw new ArgumentException($"MaxPduLength {MaxPduLength} is outside {MinimumMaxPduLength}..{int.MaxValue}.", nameof(MaxPduLength));
        }

        foreach (var (name, value) in new[] { (nameof(ConnectTimeout), ConnectTimeout), (nameof(ArtimTimeout), ArtimTimeout), (nameof(DimseTimeout), DimseTimeout) })
        {
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentException($"{name} must be positive or infinite, not {value}.", name);
            }
        }
    }
}
