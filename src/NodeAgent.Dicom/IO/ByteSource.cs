namespace NodeAgent.Dicom.IO;

/// <summary>
/// The bytes of a value, wherever they live: in memory, in a range of the source file, or in a spooled
/// temporary file. Large values stay out of memory until someone copies them somewhere.
/// Bytes are always in little-endian order, as they are written in Explicit VR Little Endian.
/// </summary>
public abstract class ByteSource
{
    /// <summary>The number of bytes.</summary>
    public abstract long Length { get; }

    /// <summary>True when the bytes are held in memory and <see cref="ReadAll"/> costs nothing.</summary>
    public abstract bool IsInMemory { get; }

    /// <summary>An empty value.</summary>
    public static ByteSource Empty { get; } = new MemoryByteSource(ReadOnlyMemory<byte>.Empty);

    /// <summary>Returns every byte. For a value not in memory this reads it whole: call it on small values only.</summary>
    public abstract ReadOnlyMemory<byte> ReadAll();

    /// <summary>Copies the bytes to a stream in bounded chunks.</summary>
    public abstract void CopyTo(Stream destination);

    /// <summary>Copies the bytes to a stream in bounded chunks.</summary>
    public abstract Task CopyToAsync(Stream destination, CancellationToken cancellationToken);

    /// <summary>Wraps bytes already in memory.</summary>
    public static ByteSource FromMemory(ReadOnlyMemory<byte> bytes) =>
        bytes.IsEmpty ? Empty : new MemoryByteSource(bytes);
}
