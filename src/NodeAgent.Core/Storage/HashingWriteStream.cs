using System.Security.Cryptography;

namespace NodeAgent.Core.Storage;

/// <summary>
/// A write-only stream that hashes (SHA-256) and counts every byte on its way to the inner stream, so a stored file's
/// hash costs no second pass over it. Does not own the inner stream.
/// </summary>
internal sealed class HashingWriteStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;
    private string? _digest;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// The SHA-256 of what was written, lower-case hex. Writing ends at the first call, or when the stream is disposed
    /// (a writer that wraps this stream may dispose it when it is done).
    /// </summary>
    public string HashHex()
    {
        if (_digest is null)
        {
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            _hash.GetHashAndReset(digest);
            _digest = Convert.ToHexStringLower(digest);
            _hash.Dispose();
        }

        return _digest;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_digest is not null, this);
        _hash.AppendData(buffer);
        inner.Write(buffer);
        _length += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_digest is not null, this);
        _hash.AppendData(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            HashHex();
        }

        base.Dispose(disposing);
    }
}
