using NodeAgent.Dicom.IO;

namespace NodeAgent.Bench;

/// <summary>
/// Multi-frame pixel data drawn one frame at a time as it is written, so generating a 200 MB instance needs one
/// frame of memory, not two hundred megabytes.
/// </summary>
internal sealed class SyntheticPixelData(int rows, int columns, int frames) : ByteSource
{
    private int FrameLength => rows * columns * 2;

    /// <inheritdoc/>
    public override long Length => (long)FrameLength * frames;

    /// <inheritdoc/>
    public override bool IsInMemory => false;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> ReadAll()
    {
        if (Length > Array.MaxLength)
        {
            throw new InvalidOperationException($"{Length} bytes of pixel data cannot be held in one array; copy them to a stream.");
        }

        var all = new byte[Length];
        using var stream = new MemoryStream(all);
        CopyTo(stream);
        return all;
    }

    /// <inheritdoc/>
    public override void CopyTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var frame = new byte[FrameLength];
        for (var index = 0; index < frames; index++)
        {
            CtPhantom.Render(rows, columns, index, frame);
            destination.Write(frame);
        }
    }

    /// <inheritdoc/>
    public override async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var frame = new byte[FrameLength];
        for (var index = 0; index < frames; index++)
        {
            CtPhantom.Render(rows, columns, index, frame);
            await destination.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
    }
}
