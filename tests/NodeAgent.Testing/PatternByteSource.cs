using NodeAgent.Dicom.IO;

namespace NodeAgent.Testing;

/// <summary>A large value made on the fly from a repeating pattern, so a test can write gigabytes without holding them.</summary>
public sealed class PatternByteSource(long length) : ByteSource
{
    private static readonly byte[] Chunk = MakeChunk();

    /// <inheritdoc/>
    public override long Length => length;

    /// <inheritdoc/>
    public override bool IsInMemory => false;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> ReadAll() => throw new InvalidOperationException("Too large to hold.");

    /// <inheritdoc/>
    public override void CopyTo(Stream destination)
    {
        for (long done = 0; done < length; done += Chunk.Length)
        {
            destination.Write(Chunk, 0, (int)Math.Min(Chunk.Length, length - done));
        }
    }

    /// <inheritdoc/>
    public override async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        for (long done = 0; done < length; done += Chunk.Length)
        {
            await destination.WriteAsync(Chunk.AsMemory(0, (int)Math.Min(Chunk.Length, length - done)), cancellationToken);
        }
    }

    private static byte[] MakeChunk()
    {
        var chunk = new byte[1 << 20];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)(i * 31);
        }

        return chunk;
    }
}
