using System.Text.Json;

namespace NodeAgent.Hub.Hosting;

/// <summary>What <c>nodeagent-hub query</c> posts to the admin endpoint: the query's JSON form, the nodes, the timeout.</summary>
public sealed record AdminQueryRequest(JsonElement Query, IReadOnlyList<string>? Nodes, double TimeoutSeconds, string? Requester);
