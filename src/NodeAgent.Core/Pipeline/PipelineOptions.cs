namespace NodeAgent.Core.Pipeline;

/// <summary>The ingest pipeline: section <c>NodeAgent:Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Pipeline";

    /// <summary>Instances processed at once; 0 means one per processor (<see cref="Environment.ProcessorCount"/>).</summary>
    public int Parallelism { get; set; }

    /// <summary>
    /// When true (the default), an arriving instance is validated, pseudonymised and standardised as soon as its head
    /// (everything before the pixel data) is in, and its pixel data is written once, into what becomes the stored
    /// file; when false, every instance is spooled exactly as received and processed afterwards. Instances the fast
    /// way cannot take exactly (deflated or big endian, malformed, failing validation) go the long way either way.
    /// </summary>
    public bool ProcessOnArrival { get; set; } = true;

    /// <summary>What a re-send of a stored instance does.</summary>
    public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.Replace;

    /// <summary>Seconds between scans of the spool for files not queued yet (put back by <c>quarantine retry</c>, or left over when the queue was full).</summary>
    public int RescanSeconds { get; set; } = 30;

    /// <summary>Spool files queued for the workers at most; the rest wait in the spool for the next scan.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Instances in the pipeline at once, including those stored and waiting for their index batch: workers do not
    /// wait for the commit, so many instances share one transaction. Bounds the memory of that backlog.
    /// </summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>
    /// How long, in milliseconds, an index transaction waits for more instances after its first one. Workers never
    /// wait for the commit (up to <see cref="MaxInFlight"/>), so a short wait costs no throughput; it gathers the
    /// instances of a busy second into a few transactions instead of one each, and every LiteDB commit costs several
    /// fsyncs and a rewrite of the series, study and patient rollups it touches.
    /// </summary>
    public int IndexBatchMilliseconds { get; set; } = 100;

    /// <summary>Seconds between the Information summaries of what was stored (per-instance lines are Debug).</summary>
    public int SummarySeconds { get; set; } = 60;

    /// <summary>The first wait, in seconds, before a transient failure (disk full, index I/O) is retried; it doubles per attempt.</summary>
    public int RetryMinSeconds { get; set; } = 2;

    /// <summary>The longest wait, in seconds, between retries of a transient failure.</summary>
    public int RetryMaxSeconds { get; set; } = 300;

    /// <summary>The workers to run: <see cref="Parallelism"/>, or the processor count when it is 0.</summary>
    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;

    /// <summary>
    /// The body part mapping table (CID 4031, JSON); empty means <c>body-part-mapping.json</c> beside the executable
    /// (the shipped table).
    /// </summary>
    public string BodyPartMappingFile { get; set; } = string.Empty;

    /// <summary>The reasons these options cannot be used, one line each naming the key, the value and the rule; empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckRange(errors, nameof(Parallelism), Parallelism, 0, 256);
        CheckRange(errors, nameof(RescanSeconds), RescanSeconds, 1, 3600);
        CheckRange(errors, nameof(QueueCapacity), QueueCapacity, 1, 1_000_000);
        CheckRange(errors, nameof(SummarySeconds), SummarySeconds, 1, 86400);
        CheckRange(errors, nameof(MaxInFlight), MaxInFlight, 1, 100_000);
        CheckRange(errors, nameof(IndexBatchMilliseconds), IndexBatchMilliseconds, 0, 10_000);
        CheckRange(errors, nameof(RetryMinSeconds), RetryMinSeconds, 1, 3600);
        CheckRange(errors, nameof(RetryMaxSeconds), RetryMaxSeconds, 1, 86400);
        if (!Enum.IsDefined(DuplicatePolicy))
        {
            errors.Add($"{Section}:DuplicatePolicy = '{DuplicatePolicy}' is not allowed: use Replace or KeepFirst");
        }

        if (RetryMaxSeconds < RetryMinSeconds)
        {
            errors.Add($"{Section}:RetryMaxSeconds = '{RetryMaxSeconds}' is not allowed: it must be at least RetryMinSeconds ({RetryMinSeconds})");
        }

        return errors;
    }

    private static void CheckRange(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Section}:{key} = '{value}' is not allowed: it must be between {min} and {max}");
        }
    }
}
