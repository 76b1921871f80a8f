using Microsoft.Extensions.Hosting;

namespace NodeAgent.Cli;

/// <summary>nodeagent run [--config FILE]: the service itself.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(Arguments arguments)
    {
        arguments.Expect("--config");
        using var host = AgentHost.Build(arguments.Option("--config"));
        await host.RunAsync().ConfigureAwait(false);
        return CommandLine.Ok;
    }
}
