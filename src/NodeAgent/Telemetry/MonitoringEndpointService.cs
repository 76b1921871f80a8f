using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Health;
using OpenTelemetry.Metrics;

namespace NodeAgent.Telemetry;

/// <summary>
/// The local monitoring endpoint: a small Kestrel host on a loopback address only, serving <c>/metrics</c> (Prometheus
/// text), <c>/healthz</c> (JSON, 200 when healthy or degraded, 503 otherwise) and <c>/status</c> (today's counts). It is a
/// web host of its own inside the agent's, so the agent stays a plain Generic Host and nothing of ASP.NET runs when
/// <c>NodeAgent:Telemetry:MetricsPort</c> is 0. Started before the DICOM listener, stopped after it.
/// </summary>
internal sealed class MonitoringEndpointService(
    IOptions<TelemetryOptions> options,
    HealthReporter health,
    StatusReporter status,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            // The endpoint only: OtlpHeaders may carry credentials.
            AgentLog.OtlpExporting(loggerFactory.CreateLogger<MonitoringEndpointService>(), settings.OtlpEndpoint, settings.OtlpProtocol);
        }

        if (settings.MetricsPort == 0)
        {
            return;
        }

        var address = IPAddress.Parse(settings.MetricsAddress);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, settings.MetricsPort);
        });
        var app = builder.Build();
        app.MapGet("/healthz", WriteHealthAsync);
        app.MapGet("/status", WriteStatusAsync);
        app.MapPrometheusScrapingEndpoint("/metrics", services.GetRequiredService<MeterProvider>(), null, null);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new StartupException(
                $"the monitoring endpoint cannot listen on {new IPEndPoint(address, settings.MetricsPort)} " +
                $"({TelemetryOptions.Section}:MetricsAddress/MetricsPort): {e.Message}", e);
        }

        _app = app;
        AgentLog.MonitoringListening(loggerFactory.CreateLogger<MonitoringEndpointService>(), new IPEndPoint(address, settings.MetricsPort).ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private async Task WriteHealthAsync(HttpContext context)
    {
        var report = await health.CheckAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(report.ToJson().ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteStatusAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(status.Read().ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
