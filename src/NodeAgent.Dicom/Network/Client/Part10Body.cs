using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// Finds where a Part 10 file's data set begins: after the preamble, "DICM" and the File Meta Information group
/// (PS3.10 §7.1), walked element by element in Explicit VR Little Endian as PS3.10 requires, so a missing or wrong
/// (0002,0000) group length does not matter. From there the bytes are the data set as encoded in the file's transfer
/// syntax (deflated ones included) and can be sent as they are.
/// </summary>
internal static class Part10Body
{
    private const int PreambleLength = 128;

    /// <summary>The byte offset of the data set, or null when the file's head is not a well-formed preamble and meta.</summary>
    public static async Task<long?> FindOffsetAsync(string path, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var length = RandomAccess.GetLength(handle);
        var buffer = new byte[12];
        long position;
        if (await ReadAsync(handle, buffer.AsMemory(0, 4), PreambleLength, cancellationToken).ConfigureAwait(false) && buffer.AsSpan(0, 4).SequenceEqual("DICM"u8))
        {
            position = PreambleLength + 4;
        }
        else if (await ReadAsync(handle, buffer.AsMemory(0, 4), 0, cancellationToken).ConfigureAwait(false) && buffer.AsSpan(0, 4).SequenceEqual("DICM"u8))
        {
            position = 4;
        }
        else
        {
            return null;
        }

        var elements = 0;
        while (position < length)
        {
            if (!await ReadAsync(handle, buffer.AsMemory(0, 8), position, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (BinaryPrimitives.ReadUInt16LittleEndian(buffer) != 0x0002)
            {
                return elements > 0 ? position : null;
            }

            if (!char.IsAsciiLetterUpper((char)buffer[4]) || !char.IsAsciiLetterUpper((char)buffer[5]))
            {
                // Not explicit VR: a broken writer's meta. Let the reader's interpretation (re-encoding) decide instead.
                return null;
            }

            long valueLength;
            if (HasLongLength(buffer[4], buffer[5]))
            {
                if (!await ReadAsync(handle, buffer.AsMemory(8, 4), position + 8, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                valueLength = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(8));
                if (valueLength == uint.MaxValue)
                {
                    return null;
                }

                position += 12 + valueLength;
            }
            else
            {
                position += 8 + BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(6));
            }

            elements++;
        }

        // A meta group and nothing after it (an empty data set), or a length running past the end.
        return position == length && elements > 0 ? position : null;
    }

    /// <summary>VRs whose explicit-VR header has two reserved bytes and a 32-bit length (PS3.5 §7.1.2).</summary>
    private static bool HasLongLength(byte first, byte second) => (char)first switch
    {
        'O' => second is (byte)'B' or (byte)'D' or (byte)'F' or (byte)'L' or (byte)'V' or (byte)'W',
        'S' => second is (byte)'Q' or (byte)'V',
        'U' => second is (byte)'C' or (byte)'N' or (byte)'R' or (byte)'T' or (byte)'V',
        _ => false,
    };

    private static async Task<bool> ReadAsync(SafeFileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer[total..], offset + total, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            total += read;
        }

        return true;
    }
}
