using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Disclosure;

namespace NodeAgent.Cli;

/// <summary>
/// The configuration a local verb needs (query --local, audit): the same layers as the agent, bound and validated
/// with the agent's validators, without building the host (no listener, no hosted service).
/// </summary>
internal sealed class LocalConfiguration
{
    private LocalConfiguration(StorageOptions storage, DisclosureOptions disclosure)
    {
        Storage = storage;
        Disclosure = disclosure;
    }

    public StorageOptions Storage { get; }

    public DisclosureOptions Disclosure { get; }

    public string DataDirectory => Path.GetFullPath(Storage.DataDirectory);

    /// <exception cref="OptionsValidationException">A value is not allowed (printed by <see cref="CommandLine"/>).</exception>
    public static LocalConfiguration Load(string? configFile)
    {
        var builder = new ConfigurationBuilder();
        ConfigurationLayers.Apply(builder, configFile);
        var configuration = builder.Build();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var disclosure = configuration.GetSection(DisclosureOptions.Section).Get<DisclosureOptions>() ?? new DisclosureOptions();
        Check(new StorageOptionsValidator().Validate(null, storage), typeof(StorageOptions));
        Check(new DisclosureOptionsValidator().Validate(null, disclosure), typeof(DisclosureOptions));
        return new LocalConfiguration(storage, disclosure);
    }

    private static void Check(ValidateOptionsResult result, Type type)
    {
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, type, result.Failures);
        }
    }
}
