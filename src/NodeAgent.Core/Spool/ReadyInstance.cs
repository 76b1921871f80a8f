namespace NodeAgent.Core.Spool;

/// <summary>A prepared instance, whole and fsync'd in the spool under its ready name.</summary>
/// <param name="SpoolPath">The ready file.</param>
/// <param name="Head">What preparing its head gave.</param>
/// <param name="Sha256">The SHA-256 of the file, lower-case hex, computed as it was written.</param>
/// <param name="Size">The file's length in bytes.</param>
public sealed record ReadyInstance(string SpoolPath, PreparedHead Head, string Sha256, long Size);
