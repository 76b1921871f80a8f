namespace NodeAgent.Core.Pipeline;

/// <summary>What a re-send of an instance that is already stored (same original SOP Instance UID) does.</summary>
public enum DuplicatePolicy
{
    /// <summary>The re-send replaces the stored instance (a corrected instance wins); the default.</summary>
    Replace = 0,

    /// <summary>The stored instance stays and the re-send is dropped (counted as a duplicate).</summary>
    KeepFirst = 1,
}
