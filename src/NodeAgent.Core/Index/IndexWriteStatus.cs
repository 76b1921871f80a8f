namespace NodeAgent.Core.Index;

/// <summary>What happened to one entry of a committed batch.</summary>
public enum IndexWriteStatus
{
    /// <summary>The instance key was new.</summary>
    Added = 0,

    /// <summary>The instance key was indexed already, and the new entry replaced the old one.</summary>
    Replaced = 1,

    /// <summary>The instance key was indexed already, and the new entry was ignored (<see cref="IndexWriteMode.KeepFirst"/>).</summary>
    Ignored = 2,
}
