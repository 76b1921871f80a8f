using Microsoft.Extensions.Hosting;
using NodeAgent.Core.Query;

namespace NodeAgent.Queries;

/// <summary>
/// Loads the query engine when the agent starts rather than on the first query: taking <see cref="QueryService"/>
/// reads the rollups into memory (and follows them from then on) and opens the privacy ledger and the audit log, so
/// a damaged audit log stops the start with its reason instead of failing a query later.
/// </summary>
internal sealed class QueryEngineService(QueryService service) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = service.PolicyHash;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
