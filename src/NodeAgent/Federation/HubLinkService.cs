using Microsoft.Extensions.Hosting;
using NodeAgent.Federation.Link;

namespace NodeAgent.Federation;

/// <summary>Hosts the hub link: a thin shell; the worker does the work (and tests drive it directly).</summary>
internal sealed class HubLinkService(HubLinkWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
