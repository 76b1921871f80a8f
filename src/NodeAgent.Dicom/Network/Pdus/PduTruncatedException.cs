namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// The stream ended inside a PDU: in its 6-byte header or before PDU-length bytes of body arrived. The peer has
/// closed (or half-closed) the connection; <see cref="Exception.InnerException"/> is an <see cref="EndOfStreamException"/>.
/// </summary>
public sealed class PduTruncatedException : PduException
{
    /// <summary>Creates the exception for a stream that ended after <paramref name="received"/> of <paramref name="expected"/> bytes.</summary>
    /// <param name="pduType">The PDU-type byte, when it was read.</param>
    /// <param name="pduLength">The PDU-length field, when it was read.</param>
    /// <param name="part">Which part ended early ("header" or "body").</param>
    /// <param name="received">The bytes of that part that did arrive.</param>
    /// <param name="expected">The bytes of that part that were due.</param>
    public PduTruncatedException(PduType? pduType, uint? pduLength, string part, long received, long expected)
        : base(
            AbortReason.NotSpecified,
            pduType,
            pduLength,
            $"The stream ended inside the PDU {part}: {received} of {expected} bytes arrived",
            new EndOfStreamException($"End of stream after {received} of {expected} bytes of the PDU {part}."))
    {
        Received = received;
        Expected = expected;
    }

    /// <summary>The bytes of the truncated part that arrived.</summary>
    public long Received { get; }

    /// <summary>The bytes of the truncated part that were due.</summary>
    public long Expected { get; }
}
