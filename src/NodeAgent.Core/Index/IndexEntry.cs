namespace NodeAgent.Core.Index;

/// <summary>What the pipeline indexes for one stored, pseudonymised instance.</summary>
/// <param name="InstanceKey">
/// The pipeline's key of the instance: the keyed hash of its original SOP Instance UID, so the same instance sent
/// twice has the same key. Never the original UID itself.
/// </param>
/// <param name="PatientId">The pseudonymised Patient ID (0010,0020); empty when the instance has none.</param>
/// <param name="StudyInstanceUid">The pseudonymised Study Instance UID.</param>
/// <param name="SeriesInstanceUid">The pseudonymised Series Instance UID.</param>
/// <param name="SopInstanceUid">The pseudonymised SOP Instance UID.</param>
/// <param name="StoredPath">Where the pseudonymised file is stored.</param>
/// <param name="Sha256">The SHA-256 of the stored file, hex.</param>
/// <param name="Size">The stored file's size in bytes.</param>
/// <param name="Dimensions">The standardised index dimensions.</param>
public sealed record IndexEntry(
    string InstanceKey,
    string PatientId,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string StoredPath,
    string Sha256,
    long Size,
    InstanceDimensions Dimensions)
{
    /// <summary>Throws when a key the index relies on is missing.</summary>
    /// <exception cref="ArgumentException">A key, the path or the hash is empty, or the size is negative.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(InstanceKey);
        ArgumentNullException.ThrowIfNull(PatientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(StudyInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(SeriesInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(SopInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(StoredPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(Sha256);
        ArgumentOutOfRangeException.ThrowIfNegative(Size);
        ArgumentNullException.ThrowIfNull(Dimensions);
    }
}
