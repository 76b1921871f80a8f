namespace NodeAgent.Core.Quarantine;

/// <summary>One quarantined instance.</summary>
/// <param name="Id">Its id: the spool id it had (the file is <c>&lt;id&gt;.dcm</c>).</param>
/// <param name="Reason">Its reason file; null when the reason file is missing or unreadable.</param>
/// <param name="Size">The quarantined file's size in bytes.</param>
public sealed record QuarantineEntry(string Id, QuarantineReason? Reason, long Size);
