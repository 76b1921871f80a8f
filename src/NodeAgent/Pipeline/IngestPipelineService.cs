using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Spool;

namespace NodeAgent.Pipeline;

/// <summary>
/// Hosts the ingest pipeline. StartAsync loads the site secret, opens the index and queues what is left in the spool
/// before the listener (registered after it) binds, so readiness means "bound and resumed". Stopping takes no new
/// instance and lets those in flight finish, within the shutdown timeout.
/// </summary>
internal sealed class IngestPipelineService(IServiceProvider services) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();
    private IngestPipeline? _pipeline;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved at start, not at construction: the host validates options first, and building the pipeline opens
        // the index and loads (or creates) the site secret, refusing to start when a rule is broken.
        _pipeline = services.GetRequiredService<IngestPipeline>();
        var handler = services.GetRequiredService<SpoolStoreHandler>();
        handler.Spooled += _pipeline.Enqueue;
        handler.Preparer = _pipeline.ProcessesOnArrival ? _pipeline : null;
        _pipeline.ResumeSpool();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _pipeline!.RunAsync(stoppingToken, _abort.Token);
}
