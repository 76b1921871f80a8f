namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Sizes of the PDU framing and the limits <see cref="PduReader"/> enforces.</summary>
public static class PduLimits
{
    /// <summary>PDU-type, reserved byte and the 32-bit PDU-length: the header that the PDU-length does not count (PS3.8 §9.3).</summary>
    public const int HeaderLength = 6;

    /// <summary>Item-length (4), presentation-context-ID (1) and message control header (1) before each PDV fragment (PS3.8 §9.3.5.1, Annex E).</summary>
    public const int PdvHeaderLength = 6;

    /// <summary>
    /// The largest A-ASSOCIATE-RQ or -AC body (PDU-length) accepted: 1 MiB. The negotiated maximum length only governs
    /// P-DATA-TF (PS3.8 Annex D.1), so association PDUs need their own cap. A large legitimate request — 128 presentation contexts
    /// (every odd id) each with many transfer syntaxes, role selection and extended negotiation — stays under 200 KB, and even
    /// 1000 contexts of about 60 bytes (60 KB) are decoded so the association layer can answer with a proper A-ASSOCIATE-RJ
    /// or per-context rejections instead of an abort. 1 MiB bounds the memory one connection can demand before it is checked.
    /// </summary>
    public const int MaxAssociationPduLength = 1 << 20;

    /// <summary>The PDU-length of an A-ASSOCIATE-RJ, A-RELEASE-RQ, A-RELEASE-RP and A-ABORT (PS3.8 §9.3.4, §9.3.6–9.3.8).</summary>
    public const int FixedPduLength = 4;

    /// <summary>The default maximum P-DATA-TF PDU-length advertised by many implementations (16 KiB).</summary>
    public const int DefaultMaxPduLength = 16384;

    /// <summary>
    /// The largest PDV fragment that fits in one P-DATA-TF whose PDU-length may be at most <paramref name="maxPduLength"/>
    /// (the value the peer sent in its Maximum Length sub-item; the 6-byte PDU header is not counted in it, PS3.8 Annex D.1).
    /// </summary>
    /// <param name="maxPduLength">The peer's maximum PDU-length; 0 means unlimited, which is answered with <paramref name="unlimitedCap"/>.</param>
    /// <param name="unlimitedCap">The fragment size to use when the peer sets no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is too small to carry any data.</exception>
    public static int MaxFragmentLength(uint maxPduLength, int unlimitedCap = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(unlimitedCap, 0);
        if (maxPduLength == 0)
        {
            return unlimitedCap;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxPduLength, (uint)PdvHeaderLength);
        return (int)Math.Min(maxPduLength - PdvHeaderLength, (uint)unlimitedCap);
    }
}
