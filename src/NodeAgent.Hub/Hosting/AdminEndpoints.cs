using System.Net;
using NodeAgent.Hub.Nodes;
using NodeAgent.Hub.Queries;

namespace NodeAgent.Hub.Hosting;

/// <summary>
/// The loopback-only admin API the CLI uses: <c>GET /nodes</c>, <c>POST /query</c>. Served only on the admin
/// listener (bound to 127.0.0.1) and only to loopback callers, never on the nodes' TLS port.
/// </summary>
internal static class AdminEndpoints
{
    public const string DefaultRequester = "hub-operator";

    public static void MapAdmin(this IEndpointRouteBuilder endpoints, Func<int> adminPort, ILogger logger)
    {
        var admin = endpoints.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var connection = context.HttpContext.Connection;
            if (connection.LocalPort != adminPort() || connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                HubLog.AdminRefused(logger, connection.RemoteIpAddress?.ToString() ?? "unknown");
                return Results.NotFound();
            }

            return await next(context);
        });
        admin.MapGet("/nodes", (NodeRegistry registry) => Results.Ok(registry.Nodes()));
        admin.MapPost("/query", async (AdminQueryRequest request, QueryCoordinator coordinator, CancellationToken cancellationToken) =>
        {
            Federation.Contract.Query query;
            try
            {
                query = QueryJsonParser.Parse(request.Query.GetRawText());
            }
            catch (QueryJsonException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }

            if (request.TimeoutSeconds is <= 0 or > 3600 || double.IsNaN(request.TimeoutSeconds))
            {
                return Results.BadRequest(new { error = "timeoutSeconds must be more than 0 and at most 3600" });
            }

            var nodes = request.Nodes is null || request.Nodes.Count == 0 ? null : request.Nodes;
            var merged = await coordinator.RunAsync(query, nodes, TimeSpan.FromSeconds(request.TimeoutSeconds), request.Requester ?? DefaultRequester, cancellationToken);
            return Results.Ok(merged);
        });
    }
}
