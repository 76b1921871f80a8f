using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Configuration;
using NodeAgent.Core.Index;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Secrets;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent init [--config FILE] [--machine-config PATH]: creates the data directory's layout, the site secret and
/// its fingerprint (by the same rules as a first start), writes a starter machine configuration when there is none,
/// and says what to fill in.
/// </summary>
internal static class InitCommand
{
    public static int Execute(Arguments arguments)
    {
        arguments.Expect("--config", "--machine-config");
        var settings = AgentSettings.Load(arguments.Option("--config"));
        var data = settings.DataDirectory;
        Directory.CreateDirectory(data);
        _ = new SpoolDirectory(settings.Storage.SpoolDirectory);
        _ = new InstanceStore(data);
        _ = new QuarantineDirectory(data);
        bool holdsData;
        try
        {
            using var index = LiteDbInstanceIndex.OpenInDirectory(data);
            holdsData = !index.IsEmpty;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"nodeagent: init: cannot open the index in {data} ({e.Message}); is the agent running?");
            return CommandLine.Failed;
        }

        var secretPath = Path.Combine(data, SiteSecret.FileName);
        var existed = File.Exists(secretPath);
        var secret = SiteSecret.LoadOrCreate(data, holdsData, NullLogger.Instance);
        Console.WriteLine($"data directory {data}: spool/, store/, quarantine/ and {LiteDbInstanceIndex.FileName} ready");
        Console.WriteLine(existed
            ? $"site secret {secretPath} exists and is valid (fingerprint {secret.Fingerprint[..16]}...)"
            : $"site secret {secretPath} created (owner-only, fingerprint {secret.Fingerprint[..16]}...): back it up, every pseudonym depends on it");

        var machineConfig = Path.GetFullPath(arguments.Option("--machine-config") ?? ConfigurationLayers.MachineFile);
        if (File.Exists(machineConfig))
        {
            Console.WriteLine($"machine configuration {machineConfig} exists; left unchanged");
        }
        else
        {
            WriteStarter(machineConfig, data);
            Console.WriteLine($"machine configuration {machineConfig} written");
        }

        Console.WriteLine($"""
            fill in, in {machineConfig}:
              NodeAgent:Dicom:AeTitle               the AE title the PACS sends to
              NodeAgent:Dicom:BindAddress           0.0.0.0 to accept the PACS from the network
              NodeAgent:Dicom:AllowedCallers        the PACS's AE title and address, instead of "*"
              NodeAgent:Deidentification:SitePrefix this site's pseudonym prefix, e.g. "UKB-" (before the first instance!)
              NodeAgent:Hub                         the central hub's address and certificates, when the federation link is set up
            then check it with `nodeagent check-config` and start the service.
            """);
        return CommandLine.Ok;
    }

    private static void WriteStarter(string path, string dataDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = $$"""
            // NodeAgent machine configuration, written by `nodeagent init`. It overrides the shipped appsettings.json,
            // which documents every key with its default. Check it with `nodeagent check-config`.
            {
              "NodeAgent": {
                "Dicom": {
                  // The AE title the PACS routes studies to.
                  "AeTitle": "NODEAGENT",
                  // 0.0.0.0 accepts connections from the network; 127.0.0.1 only from this machine.
                  "BindAddress": "127.0.0.1",
                  "Port": 11112,
                  // Replace "*" with the PACS: [ { "AeTitle": "PACS", "Addresses": [ "10.0.0.5" ] } ].
                  "AllowedCallers": [ { "AeTitle": "*", "Addresses": [] } ]
                },
                "Storage": {
                  "DataDirectory": {{System.Text.Json.JsonSerializer.Serialize(dataDirectory)}}
                },
                "Deidentification": {
                  // This site's pseudonym prefix, e.g. "UKB-". Set it before the first instance arrives.
                  "SitePrefix": ""
                }
              }
            }

            """;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // It may come to hold a TLS certificate password: readable by the owner and the service group only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(json);
    }
}
