using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;
using NodeAgent.Federation.Answering;
using NodeAgent.Federation.Link;
using NodeAgent.Health;

namespace NodeAgent.Federation;

/// <summary>Registers the hub link: options always (so check-config validates them), the link only when NodeAgent:Hub:Address is set.</summary>
internal static class FederationServiceCollectionExtensions
{
    public static IServiceCollection AddNodeAgentFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubOptions>, HubOptionsValidator>();
        if (string.IsNullOrWhiteSpace(configuration[$"{HubOptions.Section}:{nameof(HubOptions.Address)}"]))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IQueryResponder>(provider => new QueryServiceResponder(provider.GetRequiredService<QueryService>()));
        services.AddSingleton<INodeStatus>(provider => new NodeStatus(
            provider.GetRequiredService<SpoolDirectory>(),
            provider.GetRequiredService<DiskSpace>(),
            provider.GetRequiredService<IOptions<StorageOptions>>(),
            provider.GetService<IInstanceIndex>()));
        services.AddSingleton(provider => new Outbox(Path.Combine(Path.GetFullPath(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory), "outbox.db")));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<HubLinkWorker>(provider, provider.GetRequiredService<IOptions<HubOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<IHubLinkStatus>(provider => new HubLinkStatus(
            provider.GetRequiredService<HubLinkWorker>(),
            provider.GetRequiredService<IOptions<HubOptions>>().Value)));
        services.AddHostedService<HubLinkService>();
        return services;
    }
}
