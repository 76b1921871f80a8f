using System.Globalization;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Spool;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent quarantine list | retry ID [--config FILE]: the instances that failed validation, with their reasons, and
/// putting one back into the spool (the running agent picks it up at its next spool scan).
/// </summary>
internal static class QuarantineCommand
{
    public static int Execute(Arguments arguments)
    {
        arguments.Expect("--config");
        var action = arguments.Required(0, "list or retry");
        var settings = AgentSettings.Load(arguments.Option("--config"));
        var quarantine = new QuarantineDirectory(settings.DataDirectory);
        return action switch
        {
            "list" => List(quarantine),
            "retry" => Retry(quarantine, new SpoolDirectory(settings.Storage.SpoolDirectory), arguments.Required(1, "ID")),
            _ => throw new UsageException($"unknown quarantine action '{action}': use list or retry ID"),
        };
    }

    private static int List(QuarantineDirectory quarantine)
    {
        var entries = quarantine.List();
        foreach (var entry in entries)
        {
            var reason = entry.Reason;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{entry.Id}  {reason?.Code ?? "(no reason file)"}  {reason?.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}  from {reason?.CallingAE ?? "?"}  {entry.Size} bytes  {reason?.Message}"));
        }

        Console.WriteLine($"{entries.Count} instance(s) in quarantine ({quarantine.Path})");
        return CommandLine.Ok;
    }

    private static int Retry(QuarantineDirectory quarantine, SpoolDirectory spool, string id)
    {
        string? back;
        try
        {
            back = quarantine.Retry(id, spool);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"'{id}' is not a quarantine id");
        }

        if (back is null)
        {
            Console.Error.WriteLine($"nodeagent: no quarantined instance has the id {id}");
            return CommandLine.Failed;
        }

        Console.WriteLine($"{id} moved back to the spool; the running agent processes it at its next spool scan");
        return CommandLine.Ok;
    }
}
