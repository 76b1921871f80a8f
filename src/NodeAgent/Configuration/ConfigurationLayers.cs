using Microsoft.Extensions.Configuration;

namespace NodeAgent.Configuration;

/// <summary>
/// The configuration layers, later wins: the shipped appsettings.json beside the executable; the machine file
/// (/etc/nodeagent/appsettings.json, or %ProgramData%\NodeAgent\appsettings.json); --config FILE; and
/// NodeAgent__* environment variables. NODEAGENT_MACHINE_CONFIG names another machine file (tests, odd installs).
/// </summary>
internal static class ConfigurationLayers
{
    public static string MachineFile =>
        Environment.GetEnvironmentVariable("NODEAGENT_MACHINE_CONFIG") is { Length: > 0 } overridden
            ? overridden
            : OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "NodeAgent", "appsettings.json")
                : "/etc/nodeagent/appsettings.json";

    public static void Apply(IConfigurationBuilder builder, string? configFile)
    {
        builder.Sources.Clear();
        builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddJsonFile(MachineFile, optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(source => source.Prefix = null);
    }
}
