namespace NodeAgent.Tests.Support;

/// <summary>An instance document of <c>index.db</c>, as the tests read it.</summary>
/// <param name="Key">The document id (the pipeline's instance key).</param>
/// <param name="SopInstanceUid">The stored (pseudonymised) SOP Instance UID.</param>
/// <param name="SeriesInstanceUid">The stored Series Instance UID.</param>
/// <param name="StudyInstanceUid">The stored Study Instance UID.</param>
/// <param name="PatientId">The stored patient pseudonym.</param>
/// <param name="StoredPath">The stored file's path as indexed.</param>
/// <param name="Sha256">The stored file's SHA-256 as indexed.</param>
public sealed record IndexRow(string Key, string SopInstanceUid, string SeriesInstanceUid, string StudyInstanceUid, string PatientId, string StoredPath, string Sha256);
