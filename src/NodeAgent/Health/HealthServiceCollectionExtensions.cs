using Microsoft.Extensions.DependencyInjection;

namespace NodeAgent.Health;

/// <summary>
/// Registers /healthz's reporter and the contributors this area owns (listener, spool, disk, index, hub link), in the
/// order they are reported. Other areas add theirs with <c>services.AddSingleton&lt;IHealthContributor, ...&gt;()</c>.
/// </summary>
internal static class HealthServiceCollectionExtensions
{
    public static IServiceCollection AddNodeAgentHealth(this IServiceCollection services)
    {
        services.AddSingleton<HealthReporter>();
        services.AddSingleton<StatusReporter>();
        services.AddSingleton<IHealthContributor, ListenerHealthContributor>();
        services.AddSingleton<IHealthContributor, SpoolHealthContributor>();
        services.AddSingleton<IHealthContributor, DiskHealthContributor>();
        services.AddSingleton<IHealthContributor, IndexHealthContributor>();
        services.AddSingleton<IHubLinkStatus, NoHubLinkStatus>();
        services.AddSingleton<IHealthContributor, HubLinkHealthContributor>();
        return services;
    }
}
