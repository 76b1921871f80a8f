using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NodeAgent.Core.Deidentification;
using NodeAgent.Core.Index;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;

namespace NodeAgent.Core.Pipeline;

/// <summary>
/// The ingest pipeline: workers take spool files from a bounded queue and run parse → validate → pseudonymise →
/// standardise → store → index → delete the spool file (<see cref="ProcessAsync"/>). <see cref="ResumeSpool"/> queues
/// what an earlier run left in the spool; <see cref="Enqueue"/> takes new arrivals; a periodic scan picks up files
/// put back by <c>quarantine retry</c> or left over when the queue was full. Processing is idempotent per original
/// SOP Instance UID, so a crash anywhere before the spool file is deleted only means it is processed again.
/// Driven by a hosted service (<see cref="RunAsync"/>) or directly by tests.
/// </summary>
public sealed partial class IngestPipeline : IDisposable
{
    private readonly SpoolDirectory _spool;
    private readonly InstanceStore _store;
    private readonly QuarantineDirectory _quarantine;
    private readonly Deidentifier _deidentifier;
    private readonly DimensionExtractor _extractor;
    private readonly IInstanceIndex _index;
    private readonly IndexWriter _writer;
    private readonly byte[] _instanceKey;
    private readonly PipelineOptions _options;
    private readonly PipelineTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<string> _queue;
    private readonly KeyedGate _gate = new();
    private readonly SemaphoreSlim _inFlight;

    // Spool paths queued, in flight or waiting for a retry: the periodic scan skips them.
    private readonly ConcurrentDictionary<string, int> _known = new(StringComparer.Ordinal);

    // The span that received each queued file, while tracing: the file's "ingest" span continues its trace.
    private readonly ConcurrentDictionary<string, ActivityContext> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private List<string> _backlog = [];
    private long _stored;
    private long _duplicates;
    private long _quarantined;
    private long _transient;

    /// <summary>Creates the pipeline; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="spool">Where received instances wait.</param>
    /// <param name="store">Where pseudonymised files go.</param>
    /// <param name="quarantine">Where instances that fail validation go.</param>
    /// <param name="deidentifier">The de-identification engine (with the site's pseudonyms).</param>
    /// <param name="extractor">Derives the index dimensions.</param>
    /// <param name="index">The index, for the duplicate check.</param>
    /// <param name="writer">The group-commit writer of the same index; its mode should follow <see cref="PipelineOptions.DuplicatePolicy"/>.</param>
    /// <param name="instanceKey">The key of instance keys: <c>SiteSecret.DeriveKey("instance-key")</c>.</param>
    /// <param name="options">Parallelism, duplicate policy, scan and retry intervals.</param>
    /// <param name="telemetry">The pipeline's instruments.</param>
    /// <param name="logger">Where the pipeline logs.</param>
    /// <param name="time">The clock of scans, retries and stage timings.</param>
    public IngestPipeline(
        SpoolDirectory spool,
        InstanceStore store,
        QuarantineDirectory quarantine,
        Deidentifier deidentifier,
        DimensionExtractor extractor,
        IInstanceIndex index,
        IndexWriter writer,
        byte[] instanceKey,
        PipelineOptions options,
        PipelineTelemetry telemetry,
        ILogger logger,
        TimeProvider time)
    {
        _spool = spool ?? throw new ArgumentNullException(nameof(spool));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _quarantine = quarantine ?? throw new ArgumentNullException(nameof(quarantine));
        _deidentifier = deidentifier ?? throw new ArgumentNullException(nameof(deidentifier));
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        ArgumentNullException.ThrowIfNull(instanceKey);
        if (instanceKey.Length < 16)
        {
            throw new ArgumentException("The instance key must have at least 16 bytes.", nameof(instanceKey));
        }

        _instanceKey = instanceKey.ToArray();
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        telemetry.ObserveSpoolDepth(SpoolDepth);
    }

    /// <summary>True when the listener should hand arriving instances to <see cref="TryPrepare"/> (<see cref="PipelineOptions.ProcessOnArrival"/>).</summary>
    public bool ProcessesOnArrival => _options.ProcessOnArrival;

    /// <summary>Instances queued, in flight or waiting for a retry.</summary>
    public int Pending => _known.Count;

    /// <summary>
    /// Prepares a start: removes partial spool files and store temporaries a crash left (neither was ever acknowledged
    /// or indexed), and queues every complete spool file, oldest first; what does not fit in the queue is queued by
    /// <see cref="RunAsync"/> before anything else. Call once, before <see cref="RunAsync"/> and before the listener starts.
    /// </summary>
    /// <returns>How many spool files were found.</returns>
    public int ResumeSpool()
    {
        var partials = _spool.RemoveAbandonedPartials();
        if (partials > 0)
        {
            CoreLog.RemovedPartials(_logger, partials);
        }

        var temporaries = _store.RemoveTemporaries();
        if (temporaries > 0)
        {
            CoreLog.RemovedStoreTemporaries(_logger, temporaries);
        }

        FinishReplacements();
        var files = _spool.CompleteFiles().ToList();
        var backlog = new List<string>();
        foreach (var file in files)
        {
            if (backlog.Count > 0 || !TryQueue(file))
            {
                backlog.Add(file);
            }
        }

        _backlog = backlog;
        CoreLog.PipelineReady(_logger, _options.EffectiveParallelism, files.Count, _options.DuplicatePolicy.ToString());
        return files.Count;
    }

    /// <summary>
    /// Queues a newly spooled instance (the <c>SpoolStoreHandler.Spooled</c> event). Never blocks the association:
    /// when the queue is full the file simply waits in the spool for the next scan.
    /// </summary>
    public void Enqueue(string spoolPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolPath);
        // Raised inside the span of the instance that was received: its trace goes on through the pipeline.
        if (Activity.Current is { } receiving)
        {
            _received[spoolPath] = receiving.Context;
        }

        TryQueue(spoolPath);
    }

    /// <summary>
    /// Runs the workers, the spool scan and the periodic summary until <paramref name="stopping"/> is cancelled: then no
    /// new instance is taken, instances in flight finish, and it returns. Cancelling <paramref name="abort"/> (the
    /// shutdown timeout) abandons instances in flight; their spool files stay and are processed on the next start.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort = default)
    {
        var workers = new Task[_options.EffectiveParallelism];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(stopping, abort), CancellationToken.None);
        }

        var scan = ScanAsync(stopping);
        var summary = SummarizeAsync(stopping);
        await Task.WhenAll(workers).ConfigureAwait(false);
        // Every permit back means every instance handed off to the index has finished.
        for (var i = 0; i < _options.MaxInFlight; i++)
        {
            await _inFlight.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _inFlight.Release(_options.MaxInFlight);
        await Task.WhenAll(scan, summary).ConfigureAwait(false);
        // Queued but never taken: they stay in the spool for the next start.
        while (_queue.Reader.TryRead(out var left))
        {
            _known.TryRemove(left, out _);
        }

        CoreLog.PipelineStopped(_logger, SpoolDepth());
    }

    /// <summary>Releases the pipeline's wait handles; call after <see cref="RunAsync"/> has returned.</summary>
    public void Dispose() => _inFlight.Dispose();

    private bool TryQueue(string path)
    {
        if (!_known.TryAdd(path, 0))
        {
            return true;
        }

        if (_queue.Writer.TryWrite(path))
        {
            return true;
        }

        _known.TryRemove(path, out _);
        return false;
    }

    private async Task WorkAsync(CancellationToken stopping, CancellationToken abort)
    {
        var reader = _queue.Reader;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!reader.TryRead(out var path))
            {
                continue;
            }

            await _inFlight.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            var handedOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = FinishAsync(path, ProcessInstanceAsync(path, handedOff, abort), stopping);
            await handedOff.Task.ConfigureAwait(false);
        }
    }

    // The rest of an instance after the worker moved on: its index batch, the spool delete, the bookkeeping.
    private async Task FinishAsync(string path, Task<ProcessResult> processing, CancellationToken stopping)
    {
        ProcessResult result;
        try
        {
            result = await processing.ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }

        if (result.Outcome == ProcessOutcome.Transient)
        {
            _ = RetryLaterAsync(path, result, stopping);
        }
        else
        {
            _attempts.TryRemove(path, out _);
            _known.TryRemove(path, out _);
        }
    }

    private static string SpoolIdOf(string path) => SpoolDirectory.IdOf(path);
}
