namespace NodeAgent.Core.Query;

/// <summary>What <c>nodeagent query --local</c> shows: the table a hub would get, and what the privacy checks would say.</summary>
/// <param name="Table">The released table, exactly as it would be sent.</param>
/// <param name="WouldRefuseCode">When a requester was given and a privacy check would refuse: its code.</param>
/// <param name="WouldRefuseReason">The refusal's reason.</param>
/// <param name="EpsilonRemaining">Under differential privacy with a requester: the ε it has left.</param>
public sealed record QueryPreview(ReleasedTable Table, string? WouldRefuseCode, string? WouldRefuseReason, double? EpsilonRemaining);
