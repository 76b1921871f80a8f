using System.Buffers;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network;

/// <summary>
/// A write-only stream that sends what it is given as data PDVs of at most one fragment each. A full fragment
/// is held back until more bytes come, so the fragment that carries the last-fragment bit is never empty.
/// </summary>
internal sealed class PDataStream : Stream
{
    private readonly Stream _network;
    private readonly byte _contextId;
    private byte[] _buffer;
    private int _filled;
    private bool _completed;

    public PDataStream(Stream network, byte contextId, int maxFragment)
    {
        _network = network;
        _contextId = contextId;
        _buffer = ArrayPool<byte>.Shared.Rent(maxFragment);
        MaxFragment = maxFragment;
    }

    public int MaxFragment { get; }

    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (!source.IsEmpty)
        {
            if (_filled == MaxFragment)
            {
                await SendAsync(isLast: false, cancellationToken).ConfigureAwait(false);
            }

            var take = Math.Min(MaxFragment - _filled, source.Length);
            source.Span[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            BytesWritten += take;
            source = source[take..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends the final fragment with the last-fragment bit.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return;
        }

        await SendAsync(isLast: true, cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        _completed = true;
        base.Dispose(disposing);
    }

    private async Task SendAsync(bool isLast, CancellationToken cancellationToken)
    {
        await PduWriter.WriteDataAsync(_network, _contextId, isCommand: false, isLast, _buffer.AsMemory(0, _filled), cancellationToken).ConfigureAwait(false);
        _filled = 0;
    }
}
