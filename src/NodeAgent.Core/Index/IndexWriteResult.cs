namespace NodeAgent.Core.Index;

/// <summary>The outcome of indexing one entry, known once its batch is committed (durable).</summary>
/// <param name="Status">Added, replaced or ignored.</param>
/// <param name="Previous">
/// The entry the index held before under the same key: the replaced one, or the one kept; null when the key was new.
/// The pipeline can delete a replaced file whose path differs from the new one.
/// </param>
public sealed record IndexWriteResult(IndexWriteStatus Status, IndexedInstance? Previous);
