namespace NodeAgent.Hub.Queries;

/// <summary>What one node did with a query: "answered", "refused" (with its code and reason) or "timed-out".</summary>
public sealed record NodeOutcome(string NodeId, string Status, string? Code, string? Reason, string? PolicyHash, double EpsilonSpent);
