namespace NodeAgent.Core.Storage;

/// <summary>
/// The data directory's parts hold identifying data or keys (DESIGN decision 3): on Unix they are owner-only from the
/// moment they exist; on Windows the data directory's ACL, which install.ps1 sets, covers what is created in it.
/// </summary>
internal static class OwnerOnly
{
    /// <summary>Read and write for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Read, write and search for the owner only.</summary>
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its missing parents) owner-only; an existing directory is kept as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>
    /// Makes <paramref name="options"/> create its file owner-only from the first instant on Unix (the mode goes to
    /// open(2), it is not set afterwards); returns the same options.
    /// </summary>
    public static FileStreamOptions WhenCreated(FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }
}
