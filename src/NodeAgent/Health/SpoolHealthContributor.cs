using System.Text.Json.Nodes;
using NodeAgent.Core.Spool;

namespace NodeAgent.Health;

/// <summary>
/// The spool: how many acknowledged instances wait for the pipeline and how long the oldest has waited. An instance
/// waiting over an hour means the pipeline is not keeping up (or not running): degraded, since ingest still works.
/// </summary>
internal sealed class SpoolHealthContributor(SpoolDirectory spool, TimeProvider time) : IHealthContributor
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public string Name => "spool";

    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var depth = 0;
            var oldest = DateTime.MaxValue;
            foreach (var file in spool.WaitingFiles())
            {
                depth++;
                oldest = file.LastWriteTimeUtc < oldest ? file.LastWriteTimeUtc : oldest;
            }

            var age = depth == 0 ? TimeSpan.Zero : time.GetUtcNow().UtcDateTime - oldest;
            age = age < TimeSpan.Zero ? TimeSpan.Zero : age;
            var details = new JsonObject
            {
                ["path"] = spool.Path,
                ["depth"] = depth,
                ["oldestAgeSeconds"] = depth == 0 ? null : Math.Round(age.TotalSeconds, 1),
            };
            var status = age > StaleAfter ? HealthStatus.Degraded : HealthStatus.Healthy;
            var summary = depth == 0 ? "empty" : $"{depth} instance(s) waiting, the oldest for {HealthText.Duration(age)}";
            return ValueTask.FromResult(new ComponentHealth(status, summary, details));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(new ComponentHealth(HealthStatus.Unhealthy, $"cannot read the spool: {e.Message}", new JsonObject { ["path"] = spool.Path }));
        }
    }
}
