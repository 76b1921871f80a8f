using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodeAgent.Configuration;
using NodeAgent.Listener;
using NodeAgent.Pipeline;

namespace NodeAgent;

/// <summary>Composes the agent: configuration layers, logging, service integration and each area's registration.</summary>
internal static class AgentHost
{
    public static IHost Build(string? configFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        ConfigurationLayers.Apply(builder.Configuration, configFile);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(service => service.ServiceName = "NodeAgent");
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(45));
        // Before the listener: hosted services start in registration order and stop in reverse.
        builder.Services.AddNodeAgentPipeline();
        builder.Services.AddNodeAgentListener();
        return builder.Build();
    }
}
