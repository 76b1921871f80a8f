using Microsoft.Win32.SafeHandles;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// A value left in the file it was read from: only its path, offset and length are kept.
/// The file must not change while the data set that refers to it is in use.
/// </summary>
public sealed class FileRangeByteSource(string path, long offset, long length, int swapUnit = 1)
    : RandomAccessByteSource(offset, length, swapUnit)
{
    /// <summary>The file the value is in.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <inheritdoc/>
    protected override SafeFileHandle OpenHandle() =>
        File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
}
