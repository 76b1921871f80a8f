using System.Buffers;
using System.Buffers.Binary;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// A forward reader over a stream with a fixed buffer, absolute position tracking and cheap skips on seekable
/// sources. Never allocates from a length it was given without the caller having checked it first.
/// </summary>
internal sealed class DicomByteReader : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly long _streamLength;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _streamEnded;

    /// <summary>Reads from the stream's current position; positions are the stream's own (0-based when it cannot seek).</summary>
    public DicomByteReader(Stream stream)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        _bufferOffset = stream.CanSeek ? stream.Position : 0;
        _streamLength = stream.CanSeek ? stream.Length : -1;
    }

    /// <summary>The absolute position in the source of the next byte to read.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Bytes left in the source, or -1 when the source cannot tell.</summary>
    public long Remaining => _streamLength < 0 ? -1 : _streamLength - Position;

    /// <summary>True when the source can seek, so skipped values cost no reading.</summary>
    public bool CanSeek => _streamLength >= 0;

    /// <summary>A limit on the total bytes read (for inflated data); exceeding it throws.</summary>
    public long ReadLimit { get; set; } = long.MaxValue;

    /// <summary>True when no byte is left.</summary>
    public bool AtEnd => !TryEnsure(1);

    /// <summary>Makes at least <paramref name="count"/> bytes available; false when the source ends first.</summary>
    public bool TryEnsure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Peeks are bounded by the buffer size.");
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        while (_end < count && !_streamEnded)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _streamEnded = true;
                break;
            }

            _end += read;
            CheckLimit();
        }

        return _end - _start >= count;
    }

    /// <summary>The next bytes without consuming them; shorter than asked when the source ends.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        TryEnsure(count);
        return _buffer.AsSpan(_start, Math.Min(count, _end - _start));
    }

    public void Advance(int count)
    {
        if (count > _end - _start)
        {
            throw new InvalidOperationException("Advance past the buffered bytes.");
        }

        _start += count;
    }

    public ushort ReadUInt16(bool bigEndian, DicomTag? tag)
    {
        Require(2, tag, "a 16-bit number");
        var span = _buffer.AsSpan(_start, 2);
        _start += 2;
        return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    public uint ReadUInt32(bool bigEndian, DicomTag? tag)
    {
        Require(4, tag, "a 32-bit number");
        var span = _buffer.AsSpan(_start, 4);
        _start += 4;
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes into a new array; the caller has bounded the count.</summary>
    public byte[] ReadBytes(int count, DicomTag? tag)
    {
        var result = count == 0 ? [] : new byte[count];
        var done = 0;
        while (done < count)
        {
            if (!TryEnsure(1))
            {
                throw new DicomTruncatedException($"The data ended {count - done} bytes short of a {count}-byte value", Position, tag);
            }

            var take = Math.Min(count - done, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, done, take);
            _start += take;
            done += take;
        }

        return result;
    }

    /// <summary>Passes exactly <paramref name="count"/> bytes to a sink in buffer-sized chunks.</summary>
    public void CopyTo(IByteSink sink, long count, DicomTag? tag)
    {
        var done = 0L;
        while (done < count)
        {
            if (!TryEnsure(1))
            {
                throw new DicomTruncatedException($"The data ended {count - done} bytes short of a {count}-byte value", Position, tag);
            }

            var take = (int)Math.Min(count - done, _end - _start);
            sink.Write(_buffer.AsSpan(_start, take));
            _start += take;
            done += take;
        }
    }

    /// <summary>Reads whatever is available, up to the destination's size; 0 only at the end of the data.</summary>
    public int ReadSome(Span<byte> destination)
    {
        if (destination.IsEmpty || !TryEnsure(1))
        {
            return 0;
        }

        var take = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, take).CopyTo(destination);
        _start += take;
        return take;
    }

    /// <summary>Skips bytes; on a seekable source this is a seek, so a 2 GB value costs nothing to pass.</summary>
    public void Skip(long count, DicomTag? tag)
    {
        var buffered = _end - _start;
        if (count <= buffered)
        {
            _start += (int)count;
            return;
        }

        if (CanSeek)
        {
            var target = Position + count;
            if (target > _streamLength)
            {
                throw new DicomTruncatedException($"A {count}-byte value runs past the end of the data", Position, tag);
            }

            _stream.Seek(target, SeekOrigin.Begin);
            _bufferOffset = target;
            _start = _end = 0;
            _streamEnded = false;
            return;
        }

        CopyTo(NullSink.Instance, count, tag);
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Require(int count, DicomTag? tag, string what)
    {
        if (!TryEnsure(count))
        {
            throw new DicomTruncatedException($"The data ended inside {what}", Position, tag);
        }
    }

    private void CheckLimit()
    {
        if (_bufferOffset + _end > ReadLimit)
        {
            throw new DicomLimitExceededException(
                $"The data set inflates beyond the {ReadLimit}-byte limit for deflated data", _bufferOffset + _end);
        }
    }

    private sealed class NullSink : IByteSink
    {
        public static NullSink Instance { get; } = new();

        public void Write(ReadOnlySpan<byte> chunk)
        {
        }
    }
}
