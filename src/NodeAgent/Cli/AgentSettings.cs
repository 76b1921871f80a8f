using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;

namespace NodeAgent.Cli;

/// <summary>
/// The validated settings a CLI verb needs (data directory, site prefix, ...), read through the same configuration
/// layers and validators as <c>nodeagent run</c>, without starting anything.
/// </summary>
internal sealed class AgentSettings
{
    private AgentSettings(StorageOptions storage, DeidentificationProfileOptions deidentification)
    {
        Storage = storage;
        Deidentification = deidentification;
        DataDirectory = Path.GetFullPath(storage.DataDirectory);
    }

    public StorageOptions Storage { get; }

    public DeidentificationProfileOptions Deidentification { get; }

    public string DataDirectory { get; }

    /// <exception cref="OptionsValidationException">A value is invalid (reported by <see cref="CommandLine"/>).</exception>
    public static AgentSettings Load(string? configFile)
    {
        using var host = AgentHost.Build(configFile);
        return new AgentSettings(
            host.Services.GetRequiredService<IOptions<StorageOptions>>().Value,
            host.Services.GetRequiredService<IOptions<DeidentificationProfileOptions>>().Value);
    }
}
