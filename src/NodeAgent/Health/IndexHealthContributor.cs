using System.Text.Json.Nodes;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using NodeAgent.Core.Index;

namespace NodeAgent.Health;

/// <summary>The index: open, and how much it holds. "Not configured" while no index is registered (before the pipeline).</summary>
internal sealed class IndexHealthContributor(IServiceProvider services) : IHealthContributor
{
    public string Name => "index";

    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (services.GetService<IInstanceIndex>() is not { } index)
            {
                return ValueTask.FromResult(ComponentHealth.NotConfigured("not configured (no ingest pipeline in this build)"));
            }

            var counts = index.Counts;
            var details = new JsonObject
            {
                ["open"] = true,
                ["patients"] = counts.Patients,
                ["studies"] = counts.Studies,
                ["series"] = counts.Series,
                ["instances"] = counts.Instances,
            };
            return ValueTask.FromResult(new ComponentHealth(HealthStatus.Healthy,
                $"open: {counts.Instances} instance(s) in {counts.Series} series, {counts.Studies} studies, {counts.Patients} patients", details));
        }
        catch (Exception e) when (e is LiteException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            return ValueTask.FromResult(new ComponentHealth(HealthStatus.Unhealthy, $"cannot read the index: {e.Message}", new JsonObject { ["open"] = false }));
        }
    }
}
