namespace NodeAgent.Core.Query;

/// <summary>Who asks, under which id, and until when the answer is wanted.</summary>
/// <param name="QueryId">The hub's query id (idempotency key, audit record key).</param>
/// <param name="RequesterId">The requester the privacy budget and the differencing history belong to.</param>
/// <param name="Deadline">After this time the query is refused as expired, without running.</param>
public sealed record QueryContext(string QueryId, string RequesterId, DateTimeOffset Deadline);
