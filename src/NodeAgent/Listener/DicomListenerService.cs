using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Spool;
using NodeAgent.Dicom.Network;
using NodeAgent.Telemetry;

namespace NodeAgent.Listener;

/// <summary>
/// Hosts the DICOM listener: binds on start (so readiness means "bound"), drains associations on stop.
/// </summary>
internal sealed class DicomListenerService(
    IOptions<DicomOptions> options,
    SpoolStoreHandler handler,
    ILogger<DicomServer> logger,
    TimeProvider time,
    ListenerTelemetry? telemetry = null) : IHostedService, IAsyncDisposable
{
    private DicomServer? _server;

    public DicomServer? Server => _server;

    public string AeTitle => options.Value.AeTitle;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        IStoreHandler observed = telemetry is null ? handler : new ObservedStoreHandler(handler, telemetry);
        _server = new DicomServer(ServerOptionsFactory.Create(options.Value), observed, logger, time, telemetry);
        return _server.StartAsync(cancellationToken);
    }

    /// <summary>True once stopping has begun: the ports no longer accept, associations in flight drain.</summary>
    public bool IsStopping { get; private set; }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        IsStopping = true;
        return _server?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
