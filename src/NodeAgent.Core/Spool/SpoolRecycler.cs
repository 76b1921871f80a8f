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

    // Spares made ahead of need (TryTake with makeSpares): below the low mark a background task tops them up.
    private const int SparesLow = 8;
    private const int SparesHigh = 32;

    private readonly string _directory;
    private readonly ConcurrentQueue<string> _free = new();
    private int _count;
    private int _makingSpares;

    public SpoolRecycler(string spoolPath)
    {
        _directory = Path.Combine(spoolPath, DirectoryName);
        OwnerOnly.CreateDirectory(_directory);

        // A crash between the rename and the truncate leaves a file that still holds a processed data set; empty
        // files (spares, or emptied before the stop) hold nothing and are kept.
        foreach (var leftover in Directory.EnumerateFiles(_directory))
        {
            if (_count < Capacity && new FileInfo(leftover).Length == 0)
            {
                _count++;
                _free.Enqueue(leftover);
            }
            else
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>How many empty files wait for reuse.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Moves an empty recycled file to <paramref name="path"/>; false when there is none (create one then).</summary>
    /// <param name="path">Where the file goes.</param>
    /// <param name="makeSpares">
    /// Keep empty files ready for the next calls, made in the background: for files that leave the spool instead of
    /// coming back (prepared instances move into the store), so no data set waits for a file to be created.
    /// </param>
    public bool TryTake(string path, bool makeSpares = false)
    {
        if (makeSpares && Count < SparesLow && Interlocked.CompareExchange(ref _makingSpares, 1, 0) == 0)
        {
            _ = Task.Run(MakeSpares);
        }

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

    // Creating a file is the slow part (ext4 without a journal scans past recently deleted inodes): done here, off
    // the path of an arriving instance. A full disk just ends it; the next data set then creates its own file.
    private void MakeSpares()
    {
        try
        {
            while (Count < SparesHigh)
            {
                var spare = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
                new FileStream(spare, OwnerOnly.WhenCreated(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 })).Dispose();
                Interlocked.Increment(ref _count);
                _free.Enqueue(spare);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only spares.
        }
        finally
        {
            Volatile.Write(ref _makingSpares, 0);
        }
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
