using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network;

/// <summary>Sends DIMSE messages as P-DATA-TF PDUs, fragmented to the peer's maximum PDU length (PS3.8 §9.3.5).</summary>
internal sealed class PDataWriter(Stream stream, uint peerMaxPduLength)
{
    /// <summary>The largest fragment one PDV may carry towards this peer.</summary>
    public int MaxFragment { get; } = PduLimits.MaxFragmentLength(peerMaxPduLength);

    /// <summary>Sends a whole message (a command, or a data set already in memory).</summary>
    public async Task WriteMessageAsync(byte contextId, bool isCommand, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var offset = 0;
        do
        {
            var length = Math.Min(MaxFragment, message.Length - offset);
            var isLast = offset + length == message.Length;
            await PduWriter.WriteDataAsync(stream, contextId, isCommand, isLast, message.Slice(offset, length), cancellationToken).ConfigureAwait(false);
            offset += length;
        }
        while (offset < message.Length);
    }

    /// <summary>A stream that turns what is written to it into data PDVs; dispose it (or call Complete) to send the last one.</summary>
    public PDataStream OpenDataStream(byte contextId) => new(stream, contextId, MaxFragment);
}
