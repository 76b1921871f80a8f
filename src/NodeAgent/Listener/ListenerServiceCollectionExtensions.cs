using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;

namespace NodeAgent.Listener;

/// <summary>Registers the DICOM listener, its options and the spool it writes into.</summary>
internal static class ListenerServiceCollectionExtensions
{
    public static IServiceCollection AddNodeAgentListener(this IServiceCollection services)
    {
        services.AddOptions<DicomOptions>().BindConfiguration(DicomOptions.Section).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DicomOptions>, DicomOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new SpoolDirectory(provider.GetRequiredService<IOptions<StorageOptions>>().Value.SpoolDirectory));
        services.AddSingleton(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new DiskSpace(storage.MinimumFreeMegabytes << 20, storage.MinimumFreePercent);
        });
        services.AddSingleton(provider => new SpoolStoreHandler(
            provider.GetRequiredService<SpoolDirectory>(),
            provider.GetRequiredService<DiskSpace>(),
            provider.GetRequiredService<ILogger<SpoolStoreHandler>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DicomListenerService>();
        services.AddHostedService(provider => provider.GetRequiredService<DicomListenerService>());
        return services;
    }
}
