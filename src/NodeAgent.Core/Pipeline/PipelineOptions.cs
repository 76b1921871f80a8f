using System.ComponentModel.DataAnnotations;

namespace NodeAgent.Core.Pipeline;

/// <summary>The ingest pipeline: section <c>NodeAgent:Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Pipeline";

    /// <summary>Instances processed at once; 0 means one per processor (<see cref="Environment.ProcessorCount"/>).</summary>
    [Range(0, 256)]
    public int Parallelism { get; set; }

    /// <summary>What a re-send of a stored instance does.</summary>
    public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.Replace;

    /// <summary>Seconds between scans of the spool for files not queued yet (put back by <c>quarantine retry</c>, or left over when the queue was full).</summary>
    [Range(1, 3600)]
    public int RescanSeconds { get; set; } = 30;

    /// <summary>Spool files queued for the workers at most; the rest wait in the spool for the next scan.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Seconds between the Information summaries of what was stored (per-instance lines are Debug).</summary>
    [Range(1, 86400)]
    public int SummarySeconds { get; set; } = 60;

    /// <summary>The first wait, in seconds, before a transient failure (disk full, index I/O) is retried; it doubles per attempt.</summary>
    [Range(1, 3600)]
    public int RetryMinSeconds { get; set; } = 2;

    /// <summary>The longest wait, in seconds, between retries of a transient failure.</summary>
    [Range(1, 86400)]
    public int RetryMaxSeconds { get; set; } = 300;

    /// <summary>The workers to run: <see cref="Parallelism"/>, or the processor count when it is 0.</summary>
    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;

    /// <summary>The reasons these options cannot be used; empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{Section}:{string.Join(",", r.MemberNames)} {r.ErrorMessage}"));
        }

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
}
