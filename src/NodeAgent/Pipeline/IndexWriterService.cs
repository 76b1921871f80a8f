using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodeAgent.Core.Index;

namespace NodeAgent.Pipeline;

/// <summary>
/// Runs the index writer's group-commit loop. Stopping completes the writer, so what the pipeline's last instances
/// queued is committed; only the shutdown timeout abandons entries (their spool files stay for the next start).
/// Registered before the pipeline, so it stops after it.
/// </summary>
internal sealed class IndexWriterService(IServiceProvider services) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();
    private IndexWriter? _writer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not in the constructor: the host validates options before StartAsync, and the writer opens
        // the index file, which must not happen with an invalid data directory.
        _writer = services.GetRequiredService<IndexWriter>();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _writer?.Complete();
        using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Not stoppingToken: the loop drains after Complete() and is cut short only by the shutdown timeout.
        _writer!.RunAsync(_abort.Token);
}
