namespace NodeAgent.Core.Pipeline;

/// <summary>What processing one spool file came to.</summary>
public enum ProcessOutcome
{
    /// <summary>Stored and indexed (new, or replacing an earlier send); the spool file is gone.</summary>
    Stored = 0,

    /// <summary>A re-send dropped by <see cref="DuplicatePolicy.KeepFirst"/>; the spool file is gone.</summary>
    Duplicate = 1,

    /// <summary>Moved to quarantine with its reason.</summary>
    Quarantined = 2,

    /// <summary>A transient failure (disk full, index I/O): the spool file stays and is retried later.</summary>
    Transient = 3,

    /// <summary>The pipeline stopped first: the spool file stays and is processed on the next start.</summary>
    Stopped = 4,

    /// <summary>The spool file was gone already (processed by an earlier attempt, or moved away).</summary>
    Vanished = 5,
}
