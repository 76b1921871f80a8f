using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// A value that lives in a file, read in bounded chunks with positional reads. Values read from a big-endian
/// source are swapped to little-endian as they are copied, one <see cref="SwapUnit"/> at a time.
/// </summary>
public abstract class RandomAccessByteSource : ByteSource
{
    /// <summary>The chunk size of a copy; small enough to keep a 2 GB value's working set flat.</summary>
    internal const int ChunkSize = 1 << 20;

    /// <summary>Creates a source over <paramref name="length"/> bytes starting at <paramref name="offset"/>.</summary>
    protected RandomAccessByteSource(long offset, long length, int swapUnit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (swapUnit is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(swapUnit), swapUnit, "A swap unit is 1, 2, 4 or 8 bytes.");
        }

        Offset = offset;
        Length = length;
        SwapUnit = swapUnit;
    }

    /// <summary>Where the value starts in the file.</summary>
    public long Offset { get; }

    /// <inheritdoc/>
    public override long Length { get; }

    /// <summary>1 for bytes stored little-endian; 2, 4 or 8 for numbers stored big-endian that must be swapped.</summary>
    public int SwapUnit { get; }

    /// <inheritdoc/>
    public override bool IsInMemory => false;

    /// <summary>Opens the file for reading; the caller disposes the handle unless <see cref="OwnsHandle"/> is false.</summary>
    protected abstract SafeFileHandle OpenHandle();

    /// <summary>False when the handle belongs to this source and outlives each read.</summary>
    protected virtual bool OwnsHandle => true;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> ReadAll()
    {
        if (Length > Array.MaxLength)
        {
            throw new InvalidOperationException($"A value of {Length} bytes cannot be held in memory; copy it to a stream instead.");
        }

        var buffer = new byte[Length];
        using var stream = new MemoryStream(buffer);
        CopyTo(stream);
        return buffer;
    }

    /// <inheritdoc/>
    public override void CopyTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var handle = OpenHandle();
        var chunk = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkSize, Math.Max(Length, 1)));
        try
        {
            for (long done = 0; done < Length;)
            {
                var count = ReadChunk(handle, done, chunk);
                destination.Write(chunk, 0, count);
                done += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (OwnsHandle)
            {
                handle.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public override async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var handle = OpenHandle();
        var chunk = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkSize, Math.Max(Length, 1)));
        try
        {
            for (long done = 0; done < Length;)
            {
                var count = ReadChunk(handle, done, chunk);
                await destination.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                done += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (OwnsHandle)
            {
                handle.Dispose();
            }
        }
    }

    private int ReadChunk(SafeFileHandle handle, long done, byte[] chunk)
    {
        var want = (int)Math.Min(chunk.Length - (chunk.Length % 8), Length - done);
        var filled = 0;
        while (filled < want)
        {
            var read = RandomAccess.Read(handle, chunk.AsSpan(filled, want - filled), Offset + done + filled);
            if (read == 0)
            {
                throw new DicomTruncatedException(
                    $"The file behind this value is shorter than recorded: {Length} bytes expected", Offset + done + filled);
            }

            filled += read;
        }

        ByteSwap.InPlace(chunk.AsSpan(0, filled), SwapUnit);
        return filled;
    }
}
