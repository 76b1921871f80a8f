using System.Threading.Channels;

namespace NodeAgent.Core.Index;

/// <summary>
/// Group commit for the index: entries from any number of callers queue in a bounded channel, and one loop
/// (<see cref="RunAsync"/>, driven by a hosted service or a test) commits them in batches, one transaction each.
/// <see cref="AddAsync"/> completes when the entry's batch is committed, so the pipeline removes a spool file only
/// once its instance is durably indexed; the C-STORE acknowledgement never waits on this (DESIGN decisions 2 and 7).
/// </summary>
public sealed class IndexWriter
{
    private readonly IInstanceIndex _index;
    private readonly IndexWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<Pending> _queue;

    /// <summary>Creates a writer for the index; nothing is committed until <see cref="RunAsync"/> runs.</summary>
    public IndexWriter(IInstanceIndex index, IndexWriterOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _index = index;
        _options = options;
        _time = time;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// Raised on the writer loop after each committed batch, with the series rollups it changed. A handler must be
    /// quick and must not throw: an exception from it stops <see cref="RunAsync"/>.
    /// </summary>
    public event Action<IndexCommit>? Committed;

    /// <summary>
    /// Queues an entry and completes when its batch is committed, with what happened to it. Faults with the commit's
    /// exception when the batch could not be written (nothing of it was), and is cancelled when the writer stops first.
    /// </summary>
    /// <exception cref="ChannelClosedException">The writer no longer accepts entries (<see cref="Complete"/>).</exception>
    public async Task<IndexWriteResult> AddAsync(IndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Validate();
        var pending = new Pending(entry);
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting entries; <see cref="RunAsync"/> commits what is queued and returns.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Commits queued entries in batches until <see cref="Complete"/> was called and the queue is drained, or until
    /// cancelled; entries still queued then are cancelled (their spool files stay, and are indexed on the next run).
    /// A batch that fails with a storage error faults its entries and the loop goes on with the next batch; any
    /// other exception faults the batch's entries and is rethrown.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await FillAsync(batch, cancellationToken).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    Commit(batch);
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: fall through and cancel what is left.
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var pending in batch)
            {
                pending.Completion.TrySetCanceled(cancellationToken);
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Completion.TrySetCanceled(cancellationToken);
            }
        }
    }

    // Takes what is waiting, then waits up to MaxBatchDelay (from the first entry) for the batch to fill.
    private async Task FillAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (batch.Count < _options.MaxBatchSize)
        {
            if (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                continue;
            }

            var remaining = _options.MaxBatchDelay - _time.GetElapsedTime(started);
            if (batch.Count == 0 || remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(remaining, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Commit(List<Pending> batch)
    {
        IndexBatchResult result;
        try
        {
            result = _index.WriteBatch(batch.Select(pending => pending.Entry).ToList(), _options.Mode, _time.GetUtcNow().UtcDateTime);
        }
        catch (Exception e) when (e is IOException or LiteDB.LiteException or UnauthorizedAccessException)
        {
            // Disk full, file locked or damaged: these entries are not indexed; their callers keep the spool
            // files and retry. The next batch may succeed.
            Fail(batch, e);
            return;
        }
        catch (Exception e)
        {
            Fail(batch, e);
            throw;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(result.Results[i]);
        }

        Committed?.Invoke(result.Commit);
    }

    private static void Fail(List<Pending> batch, Exception exception)
    {
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(exception);
        }

        batch.Clear();
    }

    private sealed class Pending(IndexEntry entry)
    {
        public IndexEntry Entry { get; } = entry;

        // Continuations run on the thread pool, never inline on the writer loop.
        public TaskCompletionSource<IndexWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
