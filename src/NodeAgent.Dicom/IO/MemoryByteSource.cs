namespace NodeAgent.Dicom.IO;

/// <summary>A value held in memory.</summary>
public sealed class MemoryByteSource(ReadOnlyMemory<byte> bytes) : ByteSource
{
    /// <inheritdoc/>
    public override long Length => bytes.Length;

    /// <inheritdoc/>
    public override bool IsInMemory => true;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> ReadAll() => bytes;

    /// <inheritdoc/>
    public override void CopyTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(bytes.Span);
    }

    /// <inheritdoc/>
    public override Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.WriteAsync(bytes, cancellationToken).AsTask();
    }
}
