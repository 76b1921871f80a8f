namespace NodeAgent.Testing.Corpus;

/// <summary>A value that must not appear in any byte the node keeps after processing.</summary>
/// <param name="Text">The value.</param>
/// <param name="What">What it is, for the failure message (e.g. "patient ID", "original UID").</param>
/// <param name="AlsoUtf16">Also look for it in UTF-16 (both byte orders): names may be written by a .NET store that way.</param>
public sealed record ForbiddenValue(string Text, string What, bool AlsoUtf16 = false);
