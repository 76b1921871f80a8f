using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Federation;
using NodeAgent.Health;
using NodeAgent.Listener;
using NodeAgent.Pipeline;
using NodeAgent.Queries;
using NodeAgent.Telemetry;

namespace NodeAgent;

/// <summary>Composes the agent: configuration layers, logging, service integration and each area's registration.</summary>
internal static class AgentHost
{
    public static IHost Build(string? configFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        ConfigurationLayers.Apply(builder.Configuration, configFile);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        AgentLogging.Configure(builder.Logging);
        // READY=1 (systemd) is sent on ApplicationStarted, i.e. after every hosted service's StartAsync, in order.
        // Registered by hand rather than with AddSystemd(), whose detection fails under the unit's ProtectProc.
        if (SystemdDetection.IsSystemdService)
        {
            builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        builder.Services.AddWindowsService(service => service.ServiceName = "NodeAgent");
        builder.Services.AddSingleton<IConfigureOptions<HostOptions>, AgentHostOptions>();
        // Hosted services start in registration order and stop in reverse: the monitoring endpoint first, the
        // pipeline (which queues the spool) before the listener, so the listener is the first to stop and drain.
        builder.Services.AddNodeAgentTelemetry(builder.Configuration);
        builder.Services.AddNodeAgentHealth();
        builder.Services.AddNodeAgentPipeline();
        builder.Services.AddNodeAgentQueries();
        builder.Services.AddNodeAgentListener();
        builder.Services.AddNodeAgentFederation(builder.Configuration);
        return builder.Build();
    }
}
