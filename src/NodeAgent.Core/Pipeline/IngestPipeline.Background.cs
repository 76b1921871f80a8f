namespace NodeAgent.Core.Pipeline;

/// <summary>The pipeline's background loops: retries of transient failures, spool scans, summaries.</summary>
public sealed partial class IngestPipeline
{
    // Exponential backoff with jitter; the file stays "known" meanwhile, so the scan does not queue it early.
    private async Task RetryLaterAsync(string path, ProcessResult result, CancellationToken stopping)
    {
        var attempt = _attempts.AddOrUpdate(path, 1, (_, previous) => previous + 1);
        var delay = RetryDelay(attempt);
        CoreLog.TransientFailure(_logger, result.Failure!, SpoolIdOf(path), result.Stage, attempt, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            await _queue.Writer.WriteAsync(path, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _known.TryRemove(path, out _);
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var seconds = Math.Min(_options.RetryMaxSeconds, _options.RetryMinSeconds * Math.Pow(2, Math.Min(attempt - 1, 20)));
        // ±20 % jitter, so files that failed together (a full disk) do not all retry in the same instant.
        var jitter = 0.8 + (0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromSeconds(Math.Min(_options.RetryMaxSeconds, seconds * jitter));
    }

    private async Task ScanAsync(CancellationToken stopping)
    {
        try
        {
            var backlog = Interlocked.Exchange(ref _backlog, []);
            foreach (var path in backlog)
            {
                await QueueAsync(path, stopping).ConfigureAwait(false);
            }

            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.RescanSeconds), _time);
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                foreach (var path in _spool.CompleteFiles())
                {
                    await QueueAsync(path, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (IOException e)
        {
            // The spool directory itself is unreadable: nothing more can be queued; the workers finish what they have.
            CoreLog.UnexpectedFailure(_logger, e, "(spool scan)", "scan");
        }
    }

    private async Task QueueAsync(string path, CancellationToken stopping)
    {
        if (!_known.TryAdd(path, 0))
        {
            return;
        }

        try
        {
            await _queue.Writer.WriteAsync(path, stopping).ConfigureAwait(false);
        }
        catch
        {
            _known.TryRemove(path, out _);
            throw;
        }
    }

    private async Task SummarizeAsync(CancellationToken stopping)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.SummarySeconds), _time);
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                var stored = Interlocked.Exchange(ref _stored, 0);
                var duplicates = Interlocked.Exchange(ref _duplicates, 0);
                var quarantined = Interlocked.Exchange(ref _quarantined, 0);
                var transient = Interlocked.Exchange(ref _transient, 0);
                if (stored + duplicates + quarantined + transient > 0)
                {
                    CoreLog.PipelineSummary(_logger, _options.SummarySeconds, stored, duplicates, quarantined, transient, SpoolDepth());
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private long SpoolDepth()
    {
        try
        {
            return _spool.Depth();
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
