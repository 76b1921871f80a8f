using System.Buffers;
using System.Buffers.Binary;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// Reads Upper Layer PDUs (PS3.8 §9.3) from a stream, one at a time. The declared PDU-length is checked against the limit
/// for the PDU type before any buffer is taken for it, and the body is read into an <see cref="ArrayPool{T}"/> buffer.
/// </summary>
public static class PduReader
{
    /// <summary>
    /// Reads exactly one PDU.
    /// <para>
    /// Limits: a P-DATA-TF may have a PDU-length (the bytes after the 6-byte header) of at most
    /// <paramref name="maxPduLength"/> — the Maximum Length this side advertised (PS3.8 Annex D.1) or, if it advertised
    /// 0 (no limit), the local memory cap per PDU. A-ASSOCIATE-RQ/AC may be up to <see cref="PduLimits.MaxAssociationPduLength"/>;
    /// the other four PDUs must have PDU-length 4.
    /// </para>
    /// <para>
    /// Ownership: when the result is a <see cref="DataTransfer"/>, its fragments slice a pooled buffer and the caller must
    /// dispose it after consuming them. The other PDUs own copies of everything they hold.
    /// </para>
    /// <para>
    /// Timeouts: this method waits as long as the stream does. Bound each read (for example the ARTIM timer or an idle
    /// timeout) with <paramref name="cancellationToken"/>, which a socket stream honours while waiting for data.
    /// </para>
    /// </summary>
    /// <param name="stream">The connection, positioned at a PDU boundary.</param>
    /// <param name="maxPduLength">The largest P-DATA-TF PDU-length accepted; at least 7 (room for one PDV with one byte).</param>
    /// <param name="cancellationToken">Cancels the wait for data.</param>
    /// <returns>The PDU, or null when the stream ended cleanly before the first byte of a PDU.</returns>
    /// <exception cref="PduTruncatedException">The stream ended inside the header or the body.</exception>
    /// <exception cref="PduException">
    /// The PDU is not valid: unknown type, length over the limit or under the minimum for the type, item lengths that do
    /// not add up, an item running past its parent, an invalid presentation-context-ID, a misplaced or repeated item.
    /// <see cref="PduException.AbortReason"/> is the reason for the A-ABORT to send.
    /// </exception>
    public static async ValueTask<Pdu?> ReadAsync(Stream stream, int maxPduLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxPduLength, PduLimits.PdvHeaderLength);

        var header = await ReadHeaderAsync(stream, cancellationToken);
        if (header is not { } h)
        {
            return null;
        }

        var length = CheckLength(h, maxPduLength);
        var body = ArrayPool<byte>.Shared.Rent(length);
        var handedOver = false;
        try
        {
            var received = await stream.ReadAtLeastAsync(body.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken);
            if (received < length)
            {
                throw new PduTruncatedException(h.Type, h.Length, "body", received, length);
            }

            if (h.Type != PduType.DataTransfer)
            {
                return PduDecoder.Decode(h, body.AsSpan(0, length));
            }

            var values = DataTransferDecoder.Decode(body.AsMemory(0, length), h);
            handedOver = true;
            return new DataTransfer(values, new RentedBuffer(body));
        }
        finally
        {
            if (!handedOver)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
    }

    private static async ValueTask<PduHeader?> ReadHeaderAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(PduLimits.HeaderLength);
        try
        {
            var received = await stream.ReadAtLeastAsync(
                bytes.AsMemory(0, PduLimits.HeaderLength), PduLimits.HeaderLength, throwOnEndOfStream: false, cancellationToken);
            if (received == 0)
            {
                return null;
            }

            if (received < PduLimits.HeaderLength)
            {
                var type = received >= 1 ? (PduType)bytes[0] : (PduType?)null;
                throw new PduTruncatedException(type, null, "header", received, PduLimits.HeaderLength);
            }

            return new PduHeader((PduType)bytes[0], BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(2, 4)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Checks the declared PDU-length against the bounds for the type; returns it as a buffer size.</summary>
    private static int CheckLength(PduHeader header, int maxPduLength)
    {
        var (minimum, maximum, limit) = header.Type switch
        {
            PduType.AssociateRequest or PduType.AssociateAccept =>
                (AssociateDecoder.FixedFieldsLength, PduLimits.MaxAssociationPduLength, "the limit for association PDUs"),
            PduType.DataTransfer => (PduLimits.PdvHeaderLength, maxPduLength, "the maximum length negotiated"),
            PduType.AssociateReject or PduType.ReleaseRequest or PduType.ReleaseResponse or PduType.Abort =>
                (PduLimits.FixedPduLength, PduLimits.FixedPduLength, "the fixed length of this PDU"),
            _ => throw header.Fault(AbortReason.UnrecognizedPdu, "The PDU-type is not one of the seven defined by PS3.8 §9.3"),
        };

        if (header.Length > (uint)maximum)
        {
            throw header.Fault(AbortReason.InvalidPduParameterValue, $"The PDU-length {header.Length} exceeds {limit} ({maximum} bytes)");
        }

        if (header.Length < (uint)minimum)
        {
            throw header.Fault(
                AbortReason.InvalidPduParameterValue, $"The PDU-length {header.Length} is less than the {minimum} bytes this PDU needs at least");
        }

        return (int)header.Length;
    }
}
