using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NodeAgent.Telemetry;

/// <summary>
/// OpenTelemetry, wired once: the "NodeAgent" meter and ActivitySource, the Prometheus scrape endpoint when
/// MetricsPort is set, OTLP only when an endpoint is configured, the console exporter only when asked for.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddNodeAgentTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<ListenerTelemetry>();
        services.AddSingleton<TodayCounters>();

        // Which exporters exist is decided here, from the configuration as it is; bad values fail validation at start.
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https" ? endpoint : null;
        var scrape = settings.MetricsPort is > 0 and <= 65535;
        var version = typeof(TelemetryServiceCollectionExtensions).Assembly.GetName().Version?.ToString();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("nodeagent", serviceVersion: version, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryNames.Meter);
                if (scrape)
                {
                    // No caching: a scrape right after an event sees it (the tests, and a person with curl).
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, settings));
                }

                if (settings.ConsoleExporter)
                {
                    metrics.AddConsoleExporter();
                }
            });
        if (otlp is not null || settings.ConsoleExporter)
        {
            // Without an exporter there is no tracer provider, so StartActivity returns null and spans cost nothing.
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(TelemetryNames.ActivitySource);
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, otlp, settings));
                }

                if (settings.ConsoleExporter)
                {
                    tracing.AddConsoleExporter();
                }
            });
        }

        if (otlp is not null)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter(exporter => Configure(exporter, otlp, settings)));
        }

        services.AddSingleton<MonitoringEndpointService>();
        services.AddHostedService(provider => provider.GetRequiredService<MonitoringEndpointService>());
        return services;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, TelemetryOptions settings)
    {
        exporter.Endpoint = endpoint;
        exporter.Protocol = settings.OtlpProtocol == TelemetryOptionsValidator.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        if (settings.OtlpHeaders.Count > 0)
        {
            exporter.Headers = string.Join(',', settings.OtlpHeaders.Select(h => $"{h.Key}={h.Value}"));
        }
    }
}
