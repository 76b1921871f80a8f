using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using NodeAgent.Configuration;

namespace NodeAgent.Cli;

/// <summary>nodeagent run [--config FILE]: the service itself.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(Arguments arguments)
    {
        arguments.Expect("--config");
        using var host = AgentHost.Build(arguments.Option("--config"));
        try
        {
            await host.RunAsync().ConfigureAwait(false);
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"nodeagent: cannot start: {e.Message}").ConfigureAwait(false);
            return CommandLine.Failed;
        }
        catch (SocketException e)
        {
            // The DICOM listener binds in its StartAsync: a port in use or a privileged port ends here.
            await Console.Error.WriteLineAsync($"nodeagent: cannot start: the DICOM listener cannot bind ({DicomOptions.Section}:BindAddress/Port/TlsPort): {e.Message}").ConfigureAwait(false);
            return CommandLine.Failed;
        }

        return CommandLine.Ok;
    }
}
