namespace NodeAgent.Federation;

/// <summary>
/// NodeAgent.Federation's log messages, event ids 3000–3099 (the hub link), split into partial files per area.
/// They carry node ids, query ids, requester ids, link states, addresses and counts: never a patient attribute or
/// an original UID.
/// </summary>
internal static partial class FederationLog;
