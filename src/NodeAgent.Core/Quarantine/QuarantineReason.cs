namespace NodeAgent.Core.Quarantine;

/// <summary>
/// The content of <c>&lt;id&gt;.reason.json</c>: why an instance was quarantined. It never holds a patient value or an
/// original UID: the message names tags, lengths and offsets only.
/// </summary>
/// <param name="Code">One of <see cref="QuarantineCodes"/>.</param>
/// <param name="Message">What was wrong, for the operator.</param>
/// <param name="Time">When it was quarantined (UTC).</param>
/// <param name="CallingAE">The AE title that sent it, when known.</param>
public sealed record QuarantineReason(string Code, string Message, DateTimeOffset Time, string? CallingAE);
