using System.Text.Json;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;

namespace NodeAgent.Core.Quarantine;

/// <summary>
/// <c>&lt;data&gt;/quarantine/</c>: instances that failed validation, kept with the reason (DESIGN decision 8: nothing is
/// silently dropped). They are the spool files as received, so they hold identifying data: the directory is owner-only.
/// <c>&lt;id&gt;.dcm</c> is the file, <c>&lt;id&gt;.reason.json</c> the reason; the id is the spool id. Thread-safe.
/// </summary>
public sealed class QuarantineDirectory
{
    /// <summary>The directory's name in the data directory.</summary>
    public const string DirectoryName = "quarantine";

    /// <summary>The extension of a reason file.</summary>
    public const string ReasonExtension = ".reason.json";

    /// <summary>Uses (and creates, owner-only) <c>quarantine/</c> in the data directory.</summary>
    public QuarantineDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), DirectoryName);
        OwnerOnly.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>
    /// Moves a spool file here with its reason. The reason is written first, so a crash in between leaves the spool
    /// file in place (it is quarantined again on the next run) rather than a file without a reason.
    /// </summary>
    /// <returns>The quarantine id.</returns>
    public string Add(string spoolPath, QuarantineReason reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolPath);
        ArgumentNullException.ThrowIfNull(reason);
        var id = System.IO.Path.GetFileNameWithoutExtension(spoolPath);
        var reasonPath = ReasonPath(id);
        var temporary = reasonPath + ".tmp";
        using (var stream = new FileStream(temporary, OwnerOnly.WhenCreated(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None })))
        {
            JsonSerializer.Serialize(stream, reason, QuarantineJsonContext.Default.QuarantineReason);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, reasonPath, overwrite: true);
        File.Move(spoolPath, FilePath(id), overwrite: true);
        DirectorySync.Flush(Path);
        DirectorySync.Flush(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(spoolPath))!);
        return id;
    }

    /// <summary>Every quarantined instance, oldest id first.</summary>
    public IReadOnlyList<QuarantineEntry> List()
    {
        var entries = new List<QuarantineEntry>();
        foreach (var file in Directory.EnumerateFiles(Path, "*" + SpoolDirectory.CompleteExtension))
        {
            var id = System.IO.Path.GetFileNameWithoutExtension(file);
            entries.Add(new QuarantineEntry(id, ReadReason(id), new FileInfo(file).Length));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return entries;
    }

    /// <summary>The reason of a quarantined instance, or null.</summary>
    public QuarantineReason? ReadReason(string id)
    {
        var path = ReasonPath(CheckId(id));
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, QuarantineJsonContext.Default.QuarantineReason);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves a quarantined instance back into the spool (after the cause was fixed, or to try a newer NodeAgent); the
    /// running pipeline picks it up at its next spool scan. The reason file is removed.
    /// </summary>
    /// <returns>The path in the spool, or null when no instance has this id.</returns>
    public string? Retry(string id, SpoolDirectory spool)
    {
        ArgumentNullException.ThrowIfNull(spool);
        var file = FilePath(CheckId(id));
        if (!File.Exists(file))
        {
            return null;
        }

        // A ready file (pseudonymised on arrival; its id carries the instance key) goes back as one: processed as
        // received, it would be pseudonymised a second time.
        var target = System.IO.Path.Combine(spool.Path, SpoolDirectory.WaitingFileNameOf(id));
        File.Move(file, target, overwrite: false);
        DirectorySync.Flush(spool.Path);
        File.Delete(ReasonPath(id));
        DirectorySync.Flush(Path);
        return target;
    }

    /// <summary>The path of a quarantined file.</summary>
    public string FilePath(string id) => System.IO.Path.Combine(Path, CheckId(id) + SpoolDirectory.CompleteExtension);

    /// <summary>The path of a reason file.</summary>
    public string ReasonPath(string id) => System.IO.Path.Combine(Path, CheckId(id) + ReasonExtension);

    // An id names a file in this directory and nothing else.
    private static string CheckId(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.IndexOfAny(['/', '\\']) >= 0 || id.Contains("..", StringComparison.Ordinal) || id.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{id}' is not a quarantine id.", nameof(id));
        }

        return id;
    }
}
