using Microsoft.Win32.SafeHandles;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// A large value read from a stream that cannot seek, spooled to a temporary file. The file is opened with
/// delete-on-close, so it vanishes when this source is collected or the process ends, whatever happens.
/// </summary>
public sealed class TempFileByteSource : RandomAccessByteSource
{
    private readonly SafeFileHandle _handle;

    private TempFileByteSource(SafeFileHandle handle, long length, int swapUnit) : base(0, length, swapUnit)
    {
        _handle = handle;
    }

    /// <inheritdoc/>
    protected override bool OwnsHandle => false;

    /// <inheritdoc/>
    protected override SafeFileHandle OpenHandle() => _handle;

    /// <summary>Fills a new temporary file chunk by chunk, then hands it over as a <see cref="TempFileByteSource"/>.</summary>
    internal sealed class Builder : IByteSink, IDisposable
    {
        private readonly SafeFileHandle _handle;
        private long _length;
        private bool _completed;

        public Builder(string? directory)
        {
            var path = System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"nodeagent-{Guid.NewGuid():N}.tmp");
            _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        }

        public void Write(ReadOnlySpan<byte> chunk)
        {
            RandomAccess.Write(_handle, chunk, _length);
            _length += chunk.Length;
        }

        public TempFileByteSource Complete(int swapUnit)
        {
            _completed = true;
            return new TempFileByteSource(_handle, _length, swapUnit);
        }

        public void Dispose()
        {
            if (!_completed)
            {
                _handle.Dispose();
            }
        }
    }
}
