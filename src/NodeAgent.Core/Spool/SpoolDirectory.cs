using NodeAgent.Core.Storage;

namespace NodeAgent.Core.Spool;

/// <summary>
/// The spool: the only place identifying data lives (DESIGN decision 3), so it is owner-only. Complete
/// instances are "*.dcm" Part 10 files; "*.partial" files are data sets still arriving (or left by a crash,
/// and never acknowledged). Processed files are recycled (<see cref="SpoolRecycler"/>), not deleted.
/// </summary>
public sealed class SpoolDirectory
{
    /// <summary>The extension of a complete, acknowledged instance.</summary>
    public const string CompleteExtension = ".dcm";

    /// <summary>The extension of a data set still arriving.</summary>
    public const string PartialExtension = ".partial";

    /// <summary>
    /// The extension of an acknowledged instance that was pseudonymised and standardised as it arrived: the stored file
    /// already, waiting to be indexed and moved into the store. Its name is "&lt;id&gt;.&lt;instance key&gt;.ready".
    /// </summary>
    public const string ReadyExtension = ".ready";

    /// <summary>
    /// The extension of a replacement record: a re-send stored under other UIDs, whose old file is deleted once the
    /// index names the new one. The name is the instance key; the content is the old file's path in the store.
    /// </summary>
    public const string ReplacementExtension = ".replaced";

    private readonly SpoolRecycler _recycler;

    /// <summary>Uses (and creates, owner-only) <paramref name="path"/>.</summary>
    public SpoolDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        OwnerOnly.CreateDirectory(Path);

        _recycler = new SpoolRecycler(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>Acknowledged instances waiting for the pipeline (received and ready ones), oldest first.</summary>
    public IEnumerable<string> CompleteFiles() =>
        WaitingFiles().OrderBy(file => file.LastWriteTimeUtc).Select(file => file.FullName);

    /// <summary>Acknowledged instances waiting for the pipeline, received (<c>*.dcm</c>) and ready (<c>*.ready</c>), unordered.</summary>
    public IEnumerable<FileInfo> WaitingFiles()
    {
        var directory = new DirectoryInfo(Path);
        return directory.EnumerateFiles("*" + CompleteExtension).Concat(directory.EnumerateFiles("*" + ReadyExtension));
    }

    /// <summary>The replacement record of an instance key.</summary>
    public string ReplacementPathOf(string instanceKey) => System.IO.Path.Combine(Path, instanceKey + ReplacementExtension);

    /// <summary>Replacement records left by a stop.</summary>
    public IEnumerable<string> ReplacementRecords() => Directory.EnumerateFiles(Path, "*" + ReplacementExtension);

    /// <summary>How many acknowledged instances wait for the pipeline.</summary>
    public long Depth() => WaitingFiles().LongCount();

    /// <summary>True for a ready file (<see cref="ReadyExtension"/>).</summary>
    public static bool IsReady(string path) => path.EndsWith(ReadyExtension, StringComparison.Ordinal);

    /// <summary>The ready file of a prepared instance.</summary>
    public string ReadyPathOf(string id, string instanceKey) => System.IO.Path.Combine(Path, $"{id}.{instanceKey}{ReadyExtension}");

    /// <summary>The instance key in a ready file's name; null when the name does not carry one.</summary>
    public static string? InstanceKeyOfReady(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < name.Length - 1 ? name[(dot + 1)..] : null;
    }

    /// <summary>
    /// The name a waiting instance with this id has in the spool (an id from <see cref="IdOf"/> with its instance key,
    /// as quarantine keeps it): a ready file when the id carries an instance key, a received one otherwise.
    /// </summary>
    public static string WaitingFileNameOf(string idWithKey) =>
        idWithKey + (idWithKey.Contains('.', StringComparison.Ordinal) ? ReadyExtension : CompleteExtension);

    /// <summary>The spool id in a spool file's name (what logs show).</summary>
    public static string IdOf(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>Removes data sets that never arrived whole (left by a crash); they were never acknowledged.</summary>
    public int RemoveAbandonedPartials()
    {
        var removed = 0;
        foreach (var partial in Directory.EnumerateFiles(Path, "*" + PartialExtension))
        {
            File.Delete(partial);
            removed++;
        }

        return removed;
    }

    /// <summary>Takes a processed instance out of the spool (its file is recycled or deleted); a file already gone is fine.</summary>
    public void Remove(string path) => _recycler.Release(path);

    /// <summary>How many emptied files wait for reuse.</summary>
    internal int RecycledCount => _recycler.Count;

    /// <summary>Moves a recycled, empty file to <paramref name="partialPath"/>; false when the caller must create it.</summary>
    internal bool TryReuse(string partialPath, bool makeSpares = false) => _recycler.TryTake(partialPath, makeSpares);

    /// <summary>A new spool id: sortable by arrival, unique, and carrying nothing about the instance.</summary>
    public static string NewId() => $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}"[..35];
}
