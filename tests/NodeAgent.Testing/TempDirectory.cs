namespace NodeAgent.Testing;

/// <summary>
/// A real, empty directory under <see cref="Path.GetTempPath"/>, owner-only on Unix, deleted with everything in it on
/// dispose. Tests use it instead of file-system mocks.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory; its name starts with <c>nodeagent-</c> and <paramref name="prefix"/>, so leftovers are recognisable.</summary>
    public TempDirectory(string prefix = "test")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Path = Directory.CreateTempSubdirectory($"nodeagent-{prefix}-").FullName;
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory; nothing is created.</summary>
    public string Combine(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return System.IO.Path.Combine([Path, .. parts]);
    }

    /// <summary>Deletes the directory and everything in it; a directory already gone is fine.</summary>
    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        try
        {
            DeleteTree();
        }
        catch (UnauthorizedAccessException)
        {
            // A test may have made files read-only (Windows) or directories unwritable; restore and try once more.
            MakeWritable(new DirectoryInfo(Path));
            Directory.Delete(Path, recursive: true);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Path;

    // Background work of the code under test (the spool making spare files) may add a file while the tree is
    // deleted; it stops once its directory is gone, so a few tries are enough.
    private void DeleteTree()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5 && Directory.Exists(Path))
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }

    private static void MakeWritable(DirectoryInfo directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        foreach (var file in directory.EnumerateFiles())
        {
            file.Attributes &= ~FileAttributes.ReadOnly;
        }

        foreach (var child in directory.EnumerateDirectories())
        {
            MakeWritable(child);
        }
    }
}
