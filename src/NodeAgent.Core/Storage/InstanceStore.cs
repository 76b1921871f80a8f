using NodeAgent.Dicom;

namespace NodeAgent.Core.Storage;

/// <summary>
/// The store of pseudonymised files: <c>&lt;data&gt;/store/&lt;study&gt;/&lt;series&gt;/&lt;instance&gt;.dcm</c> under the
/// pseudonymised UIDs. Each file is written to a temporary name in its directory, hashed as it is written, fsync'd,
/// renamed into place and the directory fsync'd, so a file under its final name is always whole and durable. Files
/// are Part 10, Explicit VR Little Endian, or the original syntax when the pixel data is encapsulated (compressed
/// pixel data is never transcoded). Thread-safe.
/// </summary>
public sealed class InstanceStore
{
    /// <summary>The store's directory name in the data directory.</summary>
    public const string DirectoryName = "store";

    /// <summary>The extension of a stored instance.</summary>
    public const string Extension = ".dcm";

    /// <summary>The extension of a file being written (left only by a crash).</summary>
    public const string TemporaryExtension = ".tmp";

    private readonly string _dataDirectory;
    private readonly DirectoryFlusher _flusher = new();

    /// <summary>Uses (and creates, owner-only) <c>store/</c> in the data directory.</summary>
    public InstanceStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _dataDirectory = Path.GetFullPath(dataDirectory);
        Root = Path.Combine(_dataDirectory, DirectoryName);
        OwnerOnly.CreateDirectory(Root);
    }

    /// <summary>The store directory.</summary>
    public string Root { get; }

    /// <summary>The transfer syntax a data set read in <paramref name="source"/> is stored in.</summary>
    public static TransferSyntax StoredSyntax(TransferSyntax source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.IsEncapsulated ? source : TransferSyntax.ExplicitVRLittleEndian;
    }

    /// <summary>The relative path (under the data directory) an instance with these UIDs is stored at.</summary>
    /// <exception cref="ArgumentException">A UID is empty or holds characters a UID cannot (PS3.5 §9.1).</exception>
    public static string RelativePathOf(string studyUid, string seriesUid, string instanceUid) =>
        $"{DirectoryName}/{Component(studyUid)}/{Component(seriesUid)}/{Component(instanceUid)}{Extension}";

    /// <summary>The relative path a (pseudonymised) data set is stored at, from its study, series and SOP Instance UIDs.</summary>
    /// <exception cref="ArgumentException">A UID is missing, empty or holds characters a UID cannot (PS3.5 §9.1).</exception>
    public static string RelativePathOf(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return RelativePathOf(
            dataset.GetString(DicomTags.StudyInstanceUID) ?? string.Empty,
            dataset.GetString(DicomTags.SeriesInstanceUID) ?? string.Empty,
            dataset.GetString(DicomTags.SOPInstanceUID) ?? string.Empty);
    }

    /// <summary>The absolute path of a relative stored path.</summary>
    public string FullPathOf(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        return Path.GetFullPath(Path.Combine(_dataDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar)));
    }

    /// <summary>The relative path of an absolute path under the data directory, with '/' separators.</summary>
    public string RelativePathOf(string fullPath) =>
        Path.GetRelativePath(_dataDirectory, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// Writes the data set (read in <paramref name="sourceSyntax"/>) as a new Part 10 file under its study, series and
    /// SOP Instance UIDs, replacing a file of the same instance atomically. Values left in their source file (pixel
    /// data) are copied from it once, in bounded chunks.
    /// </summary>
    /// <param name="dataset">The pseudonymised data set.</param>
    /// <param name="sourceSyntax">The transfer syntax it was read in.</param>
    /// <param name="flushDirectory">
    /// When false the rename is not yet durable: the caller awaits <see cref="FlushDirectoryAsync"/> before it relies on
    /// the file (before deleting the spool file), which lets renames into one directory share one fsync.
    /// </param>
    /// <exception cref="ArgumentException">The data set's UIDs cannot name a file.</exception>
    /// <exception cref="IOException">The disk is full or the store cannot be written (a transient failure).</exception>
    public StoredInstance Write(DicomDataset dataset, TransferSyntax sourceSyntax, bool flushDirectory = true)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(sourceSyntax);
        var relative = RelativePathOf(dataset);
        var final = FullPathOf(relative);
        var directory = Path.GetDirectoryName(final)!;
        EnsureDirectory(directory);

        var syntax = StoredSyntax(sourceSyntax);
        var temporary = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(final)}.{Guid.NewGuid():N}{TemporaryExtension}");
        string sha256;
        long size;
        try
        {
            using (var stream = new FileStream(temporary, CreateOptions()))
            {
                using var hashing = new HashingWriteStream(stream);
                new DicomFile(dataset, syntax).Save(hashing);
                stream.Flush(flushToDisk: true);
                WriteBehind.Drop(stream.SafeFileHandle);
                sha256 = hashing.HashHex();
                size = hashing.Length;
            }

            File.Move(temporary, final, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        if (flushDirectory)
        {
            DirectorySync.Flush(directory);
        }

        return new StoredInstance(relative, final, sha256, size, syntax.Uid);
    }

    /// <summary>
    /// Moves a finished file (a ready spool file: the stored file already, fsync'd) to its place in the store,
    /// replacing a file of the same instance atomically. The rename is not yet durable: await
    /// <see cref="FlushDirectoryAsync"/>. The file must be on the store's file system (the spool is).
    /// </summary>
    /// <exception cref="IOException">The move failed (a transient failure).</exception>
    public StoredInstance MoveIntoPlace(string file, string relativePath, string sha256, long size, TransferSyntax syntax)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentNullException.ThrowIfNull(syntax);
        var final = UnderStore(relativePath);
        EnsureDirectory(Path.GetDirectoryName(final)!);
        File.Move(file, final, overwrite: true);
        return new StoredInstance(relativePath, final, sha256, size, syntax.Uid);
    }

    /// <summary>
    /// Makes the rename of a file written with <c>flushDirectory: false</c> durable: completes after an fsync of its
    /// directory that started after the call (shared with other files renamed into it meanwhile).
    /// </summary>
    /// <exception cref="IOException">The directory could not be fsync'd.</exception>
    public Task FlushDirectoryAsync(StoredInstance stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return _flusher.FlushAsync(Path.GetDirectoryName(stored.FullPath)!);
    }

    /// <summary>Deletes a stored file (a replaced instance's old path); a file already gone is fine.</summary>
    public void Delete(string relativePath)
    {
        File.Delete(UnderStore(relativePath));
    }

    // The absolute path of a relative path that must name a file in the store (it comes from the index or a caller):
    // nothing outside the store is ever moved over or deleted.
    private string UnderStore(string relativePath)
    {
        var full = FullPathOf(relativePath);
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The path is not under the store.", nameof(relativePath));
        }

        return full;
    }

    /// <summary>Every stored file, as relative paths; temporaries left by a crash are included (they end in .tmp).</summary>
    public IEnumerable<string> EnumerateFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(RelativePathOf);

    /// <summary>Removes temporary files left by a crash (never renamed into place, so never indexed); returns how many.</summary>
    public int RemoveTemporaries()
    {
        var removed = 0;
        foreach (var temporary in Directory.EnumerateFiles(Root, "*" + TemporaryExtension, SearchOption.AllDirectories))
        {
            File.Delete(temporary);
            removed++;
        }

        return removed;
    }

    // A new directory entry is durable only once its parent is fsync'd: the series directory's in the study
    // directory, the study directory's in the store.
    private void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var study = Path.GetDirectoryName(directory)!;
        var newStudy = !Directory.Exists(study);
        OwnerOnly.CreateDirectory(directory);
        DirectorySync.Flush(study);
        if (newStudy)
        {
            DirectorySync.Flush(Root);
        }
    }

    private static FileStreamOptions CreateOptions() =>
        OwnerOnly.WhenCreated(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 });

    // A UID is digits and dots (PS3.5 §9.1); anything else (a retained, malformed UID) must not become a path.
    private static string Component(string uid)
    {
        var trimmed = uid.Trim(' ', '\0');
        if (trimmed.Length is 0 or > DicomUid.MaxLength || trimmed[0] == '.')
        {
            throw new ArgumentException("A Study, Series or SOP Instance UID is empty, too long or malformed.", nameof(uid));
        }

        foreach (var c in trimmed)
        {
            if (c is not ((>= '0' and <= '9') or '.'))
            {
                throw new ArgumentException("A Study, Series or SOP Instance UID holds a character a UID cannot.", nameof(uid));
            }
        }

        return trimmed;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: RemoveTemporaries clears it on the next start.
        }
    }
}
