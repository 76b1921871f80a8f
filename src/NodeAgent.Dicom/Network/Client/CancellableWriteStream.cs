using System.Buffers;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// Lets a synchronous writer (the data set encoder) feed an asynchronous stream with a cancellation token: each
/// synchronous write waits for the asynchronous one. It runs on a pool thread (see <see cref="DataSetSender"/>),
/// so blocking it costs a thread, not a deadlock.
/// </summary>
internal sealed class CancellableWriteStream(Stream inner, CancellationToken cancellationToken) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        inner.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask().GetAwaiter().GetResult();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // A span cannot cross an await: lend it a pooled array for the duration of the (waited-for) write.
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(rented);
            Write(rented, 0, buffer.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void WriteByte(byte value) => Write([value], 0, 1);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken token = default) =>
        inner.WriteAsync(buffer, token.CanBeCanceled ? token : cancellationToken);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
