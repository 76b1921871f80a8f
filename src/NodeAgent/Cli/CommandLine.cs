using Microsoft.Extensions.Options;
using NodeAgent.Core.Secrets;

namespace NodeAgent.Cli;

/// <summary>The verbs of the nodeagent executable.</summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int NotRunning = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length == 0 ? "run" : args[0];
        var rest = args.Length == 0 ? [] : args[1..];
        try
        {
            return verb switch
            {
                "run" => await RunCommand.ExecuteAsync(new Arguments(rest)).ConfigureAwait(false),
                "check-config" => CheckConfigCommand.Execute(new Arguments(rest)),
                "status" => await StatusCommand.ExecuteAsync(new Arguments(rest)).ConfigureAwait(false),
                "echo" => await EchoCommand.ExecuteAsync(new Arguments(rest)).ConfigureAwait(false),
                "send" => await SendCommand.ExecuteAsync(new Arguments(rest)).ConfigureAwait(false),
                "init" => InitCommand.Execute(new Arguments(rest)),
                "pseudonym" => PseudonymCommand.Execute(new Arguments(rest)),
                "verify" => VerifyCommand.Execute(new Arguments(rest)),
                "quarantine" => QuarantineCommand.Execute(new Arguments(rest)),
                "query" => QueryCommand.Execute(new Arguments(rest)),
                "audit" => AuditCommand.Execute(new Arguments(rest)),
                "--version" or "version" => Version(),
                "help" or "--help" or "-h" => Help(Console.Out, Ok),
                _ => Help(Console.Error, Usage, $"unknown command '{verb}'"),
            };
        }
        catch (UsageException e)
        {
            return Help(Console.Error, Usage, e.Message);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await Console.Error.WriteLineAsync($"nodeagent: configuration error: {failure}").ConfigureAwait(false);
            }

            return Usage;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            // Several sections invalid at once: the host's start-up validation throws them together.
            foreach (var failure in e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures))
            {
                await Console.Error.WriteLineAsync($"nodeagent: configuration error: {failure}").ConfigureAwait(false);
            }

            return Usage;
        }
        catch (SiteSecretException e)
        {
            // One line naming the file and the rule; never a byte of the secret.
            await Console.Error.WriteLineAsync($"nodeagent: site secret error: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static int Version()
    {
        Console.WriteLine($"nodeagent {typeof(CommandLine).Assembly.GetName().Version}");
        return Ok;
    }

    private static int Help(TextWriter writer, int code, string? error = null)
    {
        if (error is not null)
        {
            writer.WriteLine($"nodeagent: {error}");
        }

        writer.WriteLine("""
            usage:
              nodeagent run [--config FILE]                 run the agent (the default command)
              nodeagent check-config [--config FILE]        print the effective configuration and every problem
              nodeagent status [--config FILE]              the running agent's health and today's counts
                                                            (exit 0 healthy, 1 unhealthy, 3 not running)
              nodeagent echo HOST PORT CALLED_AE [--calling AE]
                                                            test a route with C-ECHO
              nodeagent send HOST PORT CALLED_AE PATH... [--associations N] [--calling AE]
                                                            send DICOM files or folders with C-STORE
              nodeagent init [--config FILE] [--machine-config PATH]
                                                            create the data directory, the site secret and a starter machine config
              nodeagent pseudonym PATIENT_ID [--issuer X] [--config FILE]
                                                            print the pseudonym this node gives a patient
              nodeagent verify [--config FILE]              re-hash the store against the index (agent stopped)
              nodeagent quarantine list [--config FILE]     list instances that failed validation, with the reasons
              nodeagent quarantine retry ID [--config FILE] put a quarantined instance back into the spool
              nodeagent query --local FILE [--config FILE] [--requester ID]
                                                            print what a query would release (not audited, no ε spent)
              nodeagent audit verify [--config FILE]        check the audit log's hash chain (exit 1 names the first bad record)
              nodeagent audit export [--since YYYY-MM-DD] [--output FILE] [--config FILE]
                                                            write the audit records as JSON lines
              nodeagent --version
            """);
        return code;
    }
}
