using Microsoft.Extensions.Hosting;

namespace NodeAgent.Telemetry;

/// <summary>
/// The monitoring endpoint's inner web host must not react to SIGTERM or Ctrl+C itself (ConsoleLifetime would): the
/// agent's own host decides when it stops, and stops it.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
