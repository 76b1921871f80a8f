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

    /// <summary>
    /// Copies exactly <paramref name="length"/> bytes from <paramref name="source"/> into a new temporary file
    /// in <paramref name="directory"/> (the system temp directory when null).
    /// </summary>
    public static TempFileByteSource Spool(Stream source, long length, int swapUnit, string? directory, long sourceOffset, DicomTag tag)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"nodeagent-{Guid.NewGuid():N}.tmp");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        try
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                long written = 0;
                while (written < length)
                {
                    var want = (int)Math.Min(buffer.Length, length - written);
                    var read = source.Read(buffer, 0, want);
                    if (read == 0)
                    {
                        throw new DicomTruncatedException(
                            $"The stream ended after {written} of {length} value bytes", sourceOffset + written, tag);
                    }

                    RandomAccess.Write(handle, buffer.AsSpan(0, read), written);
                    written += read;
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }

            return new TempFileByteSource(handle, length, swapUnit);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
