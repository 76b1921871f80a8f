namespace NodeAgent.Core.Storage;

/// <summary>
/// Group commit for directory fsyncs: every caller that renamed a file into a directory waits for one fsync of it that
/// started after its rename, and callers arriving while an fsync runs share the next one. Instances of one series land
/// in one directory, so under load one fsync makes many renames durable. Thread-safe.
/// </summary>
internal sealed class DirectoryFlusher
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<TaskCompletionSource>> _pending = new(StringComparer.Ordinal);

    /// <summary>Completes once an fsync of <paramref name="directory"/> that started after this call has succeeded.</summary>
    public Task FlushAsync(string directory)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_pending.TryGetValue(directory, out var waiting))
            {
                // A loop runs for this directory: it takes this waiter with its next fsync.
                waiting.Add(waiter);
                return waiter.Task;
            }

            _pending.Add(directory, [waiter]);
        }

        _ = Task.Run(() => Loop(directory));
        return waiter.Task;
    }

    private void Loop(string directory)
    {
        while (true)
        {
            List<TaskCompletionSource> batch;
            lock (_lock)
            {
                batch = _pending[directory];
                if (batch.Count == 0)
                {
                    _pending.Remove(directory);
                    return;
                }

                _pending[directory] = [];
            }

            // Every waiter in the batch renamed its file before this fsync starts, so the fsync covers it.
            try
            {
                DirectorySync.Flush(directory);
                foreach (var waiter in batch)
                {
                    waiter.TrySetResult();
                }
            }
            catch (Exception e)
            {
                foreach (var waiter in batch)
                {
                    waiter.TrySetException(e);
                }
            }
        }
    }
}
