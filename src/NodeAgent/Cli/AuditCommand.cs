using System.Globalization;
using NodeAgent.Core.Audit;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent audit verify | export: checks the hash chain of <c>&lt;data&gt;/audit/audit.jsonl</c> (exit 0 clean, 1 with
/// the first bad record named), or writes its records as JSON lines for the data-protection officer.
/// </summary>
internal static class AuditCommand
{
    public static int Execute(Arguments arguments)
    {
        var action = arguments.Required(0, "audit action (verify or export)");
        return action switch
        {
            "verify" => Verify(arguments),
            "export" => Export(arguments),
            _ => throw new UsageException($"unknown audit action '{action}': use verify or export"),
        };
    }

    private static string LogPath(Arguments arguments) =>
        Path.Combine(LocalConfiguration.Load(arguments.Option("--config")).DataDirectory, AuditLog.DirectoryName, AuditLog.FileName);

    private static int Verify(Arguments arguments)
    {
        arguments.Expect("--config");
        var path = LogPath(arguments);
        var result = AuditLog.Verify(path);
        if (result.IsClean)
        {
            Console.WriteLine($"audit log {path}: {result.Records} records, chain intact");
            return CommandLine.Ok;
        }

        Console.WriteLine($"audit log {path}: BROKEN at {result.Problem}");
        Console.WriteLine($"the {result.Records} records before line {result.BadLine} are intact");
        return CommandLine.Failed;
    }

    private static int Export(Arguments arguments)
    {
        arguments.Expect("--config", "--since", "--output");
        DateTimeOffset? since = null;
        if (arguments.Option("--since") is { } text)
        {
            since = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
                ? new DateTimeOffset(date, TimeSpan.Zero)
                : throw new UsageException($"--since '{text}' is not a date (YYYY-MM-DD, UTC)");
        }

        var path = LogPath(arguments);
        long written;
        if (arguments.Option("--output") is { } output)
        {
            using var writer = new StreamWriter(output, append: false);
            written = AuditLog.Export(path, since, writer);
        }
        else
        {
            written = AuditLog.Export(path, since, Console.Out);
        }

        Console.Error.WriteLine($"exported {written} audit records from {path}");
        return CommandLine.Ok;
    }
}
