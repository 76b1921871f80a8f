using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Spool;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Listener;

/// <summary>
/// Hosts the DICOM listener: binds on start (so readiness means "bound"), drains associations on stop.
/// </summary>
internal sealed class DicomListenerService(
    IOptions<DicomOptions> options,
    SpoolStoreHandler handler,
    ILogger<DicomServer> logger,
    TimeProvider time) : IHostedService, IAsyncDisposable
{
    private DicomServer? _server;

    public DicomServer? Server => _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new DicomServer(ServerOptionsFactory.Create(options.Value), handler, logger, time);
        return _server.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
