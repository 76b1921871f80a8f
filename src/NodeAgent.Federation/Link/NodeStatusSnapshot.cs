namespace NodeAgent.Federation.Link;

/// <summary>What a heartbeat reports about the node: counts and sizes only.</summary>
/// <param name="SpoolDepth">Instances received and not yet processed.</param>
/// <param name="FreeDiskBytes">Free bytes where the data directory lives.</param>
/// <param name="LastInstanceUtc">When the last instance was indexed, if any.</param>
/// <param name="Patients">Patients indexed.</param>
/// <param name="Studies">Studies indexed.</param>
/// <param name="Series">Series indexed.</param>
/// <param name="Instances">Instances indexed.</param>
public sealed record NodeStatusSnapshot(
    long SpoolDepth,
    long FreeDiskBytes,
    DateTimeOffset? LastInstanceUtc,
    long Patients,
    long Studies,
    long Series,
    long Instances);
