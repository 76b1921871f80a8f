using System.Buffers;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// Encodes Upper Layer PDUs (PS3.8 §9.3): to a caller's span, or to a stream through a pooled buffer. Invalid content
/// (an AE title over 16 characters, an even presentation-context-ID, a UID with other than digits and dots, an item over
/// 65535 bytes, no transfer syntax in a proposal) throws <see cref="ArgumentException"/> before anything is written.
/// Nothing here flushes the stream.
/// </summary>
public static class PduWriter
{
    /// <summary>
    /// Fragments up to this size are copied behind their 12-byte header and sent with one write: two writes of a small
    /// PDU can stall on Nagle's algorithm against a delayed ACK. Larger fragments are written straight from the caller's
    /// memory after the header, never copied.
    /// </summary>
    public const int CoalesceLimit = 64 * 1024;

    private const int DataHeaderLength = PduLimits.HeaderLength + PduLimits.PdvHeaderLength;

    /// <summary>The encoded size of <paramref name="pdu"/>, header included; checks the content as <see cref="Encode"/> does.</summary>
    /// <exception cref="ArgumentException">The PDU cannot be encoded.</exception>
    public static int GetEncodedLength(Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var writer = PduSpanWriter.Measure();
        PduEncoder.Write(ref writer, pdu);
        return writer.Position;
    }

    /// <summary>Encodes <paramref name="pdu"/> into <paramref name="destination"/> (for example a rented buffer).</summary>
    /// <returns>The bytes written, <see cref="GetEncodedLength"/>.</returns>
    /// <exception cref="ArgumentException">The PDU cannot be encoded, or <paramref name="destination"/> is too small.</exception>
    public static int Encode(Pdu pdu, Span<byte> destination)
    {
        var length = GetEncodedLength(pdu);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The PDU needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        var writer = new PduSpanWriter(destination[..length]);
        PduEncoder.Write(ref writer, pdu);
        return length;
    }

    /// <summary>Encodes <paramref name="pdu"/> into a pooled buffer and writes it to <paramref name="stream"/> with one write.</summary>
    /// <exception cref="ArgumentException">The PDU cannot be encoded; nothing was written.</exception>
    public static async ValueTask WriteAsync(Stream stream, Pdu pdu, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = GetEncodedLength(pdu);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var writer = new PduSpanWriter(buffer.AsSpan(0, length));
            PduEncoder.Write(ref writer, pdu);
            await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes a P-DATA-TF with one PDV holding <paramref name="fragment"/>. The fragment is copied at most once (only when
    /// it is at most <see cref="CoalesceLimit"/> bytes); the caller keeps ownership of it. The caller keeps the PDU within
    /// the peer's maximum length: <paramref name="fragment"/> at most <see cref="PduLimits.MaxFragmentLength"/> bytes.
    /// </summary>
    /// <param name="stream">The connection.</param>
    /// <param name="presentationContextId">The accepted presentation context: odd, 1 to 255.</param>
    /// <param name="isCommand">A command fragment (else data set).</param>
    /// <param name="isLast">The last fragment of the command or data set.</param>
    /// <param name="fragment">The bytes of the fragment.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentOutOfRangeException">The presentation-context-ID is even (or 0).</exception>
    public static async ValueTask WriteDataAsync(
        Stream stream,
        byte presentationContextId,
        bool isCommand,
        bool isLast,
        ReadOnlyMemory<byte> fragment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ContextId.Check(presentationContextId, nameof(presentationContextId));
        var coalesce = fragment.Length <= CoalesceLimit;
        var buffer = ArrayPool<byte>.Shared.Rent(coalesce ? DataHeaderLength + fragment.Length : DataHeaderLength);
        try
        {
            WriteDataHeader(buffer, presentationContextId, isCommand, isLast, fragment.Length);
            if (coalesce)
            {
                fragment.CopyTo(buffer.AsMemory(DataHeaderLength));
                await stream.WriteAsync(buffer.AsMemory(0, DataHeaderLength + fragment.Length), cancellationToken);
            }
            else
            {
                await stream.WriteAsync(buffer.AsMemory(0, DataHeaderLength), cancellationToken);
                await stream.WriteAsync(fragment, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteDataHeader(Span<byte> buffer, byte contextId, bool isCommand, bool isLast, int fragmentLength)
    {
        var writer = new PduSpanWriter(buffer[..DataHeaderLength]);
        PduEncoder.WriteSingleFragmentHeader(ref writer, contextId, isCommand, isLast, fragmentLength);
    }
}
