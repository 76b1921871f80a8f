namespace NodeAgent.Core.Query;

/// <summary>A released count: rounded and noised, or suppressed (0 &lt; true patients &lt; k); never the true count.</summary>
/// <param name="Value">The released value; null when suppressed.</param>
/// <param name="Suppressed">True when the cell is withheld.</param>
/// <param name="Label">When suppressed, what to print instead, such as <c>&lt;10</c>.</param>
public sealed record ReleasedCell(long? Value, bool Suppressed, string? Label);
