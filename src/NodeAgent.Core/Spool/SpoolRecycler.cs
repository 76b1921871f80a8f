using System.Collections.Concurrent;
using NodeAgent.Core.Storage;

namespace NodeAgent.Core.Spool;

/// <summary>
/// Empty files kept for the next data sets, instead of deleting every processed spool file and creating a new one.
/// On ext4 without a journal (the CI and benchmark machines), creating a file scans past every inode deleted in the
/// last half minute (the kernel's recently_deleted check), so a delete and a create per instance made file creation
/// the largest kernel cost of ingest (17 % of the agent's CPU samples at ~200 instances/s). A rename and a truncate
/// allocate no inode. A recycled file holds nothing: a processed file is renamed here and then emptied, and the start
/// deletes whatever a crash left in between, so no identifying data outlives its processing. Thread-safe.
/// </summary>
internal sealed class SpoolRecycler
{
    /// <summary>The recycled files' directory, inside the spool.</summary>
    public const string DirectoryName = ".recycle";

    // Enough for every association and pipeline worker to have one in flight; beyond that files are deleted.
    private const int Capacity = 64;

    private readonly string _directory;
    private readonly ConcurrentQueue<string> _free = new();
    private int _count;

    public SpoolRecycler(string spoolPath)
    {
        _directory = Path.Combine(spoolPath, DirectoryName);
        OwnerOnly.CreateDirectory(_directory);

        // A crash between the rename and the truncate leaves a file that still holds a processed data set.
        foreach (var leftover in Directory.EnumerateFiles(_directory))
        {
            File.Delete(leftover);
        }
    }

    /// <summary>How many empty files wait for reuse.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Moves an empty recycled file to <paramref name="path"/>; false when there is none (create one then).</summary>
    public bool TryTake(string path)
    {
        while (_free.TryDequeue(out var free))
        {
            Interlocked.Decrement(ref _count);
            try
            {
                File.Move(free, path);
                return true;
            }
            catch (FileNotFoundException)
            {
                // Deleted from outside (an administrator tidying up): try the next one.
            }
        }

        return false;
    }

    /// <summary>
    /// Takes a processed file out of the spool: kept, emptied, for reuse while fewer than the capacity wait, else
    /// deleted. A file already gone is fine, as with <see cref="File.Delete"/>.
    /// </summary>
    public void Release(string path)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            File.Delete(path);
            return;
        }

        var free = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        try
        {
            File.Move(path, free);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Interlocked.Decrement(ref _count);
            return;
        }
        catch
        {
            Interlocked.Decrement(ref _count);
            throw;
        }

        try
        {
            using var handle = File.OpenHandle(free, FileMode.Open, FileAccess.Write);
            RandomAccess.SetLength(handle, 0);
        }
        catch
        {
            Interlocked.Decrement(ref _count);
            File.Delete(free);
            throw;
        }

        _free.Enqueue(free);
    }
}
