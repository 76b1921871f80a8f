namespace NodeAgent.Core.Index;

/// <summary>An instance as the index holds it: what was indexed, and when.</summary>
/// <param name="Entry">The indexed entry (keys, stored path, SHA-256, size, dimensions).</param>
/// <param name="IndexedUtc">When the entry's batch was committed (UTC).</param>
public sealed record IndexedInstance(IndexEntry Entry, DateTime IndexedUtc);
