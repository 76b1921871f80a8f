using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent status [--config FILE]: the running agent's /healthz and /status, for a person. Exit 0 when healthy (or
/// degraded), 1 when unhealthy, 3 when no agent answers (or the monitoring endpoint is off).
/// </summary>
internal static class StatusCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<int> ExecuteAsync(Arguments arguments)
    {
        arguments.Expect("--config");
        TelemetryOptions telemetry;
        using (var host = AgentHost.Build(arguments.Option("--config")))
        {
            telemetry = host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        }

        if (telemetry.MetricsPort == 0)
        {
            await Console.Error.WriteLineAsync(
                $"nodeagent status: the monitoring endpoint is off ({TelemetryOptions.Section}:MetricsPort = 0); set it to a loopback port such as 9464 and restart the agent").ConfigureAwait(false);
            return CommandLine.NotRunning;
        }

        var endpoint = new IPEndPoint(IPAddress.Parse(telemetry.MetricsAddress), telemetry.MetricsPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{endpoint}/"), Timeout = Timeout };
        JsonDocument health;
        JsonDocument status;
        try
        {
            health = await GetAsync(http, "healthz").ConfigureAwait(false);
            status = await GetAsync(http, "status").ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            var why = e is HttpRequestException { InnerException: SocketException socket } ? socket.Message : e.Message;
            await Console.Error.WriteLineAsync($"nodeagent status: no agent answers at http://{endpoint}/ ({why}): it is not running, or runs with another configuration").ConfigureAwait(false);
            return CommandLine.NotRunning;
        }

        using (health)
        using (status)
        {
            var overall = health.RootElement.GetProperty("status").GetString() ?? "unknown";
            Console.WriteLine($"NodeAgent at http://{endpoint}/: {overall} (checked {health.RootElement.GetProperty("checkedAt").GetString()})");
            foreach (var component in health.RootElement.GetProperty("components").EnumerateObject())
            {
                var state = component.Value.GetProperty("status").GetString();
                var summary = component.Value.GetProperty("summary").GetString();
                Console.WriteLine($"  {component.Name,-10} {state,-15} {summary}");
            }

            var today = status.RootElement.GetProperty("today");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Today (since {today.GetProperty("since").GetString()}): {Count(today, "instancesReceived")} instances received, " +
                $"{Count(today, "instancesStored")} stored, {Count(today, "studies")} studies, " +
                $"{Count(today, "queriesAnswered")} queries answered, {Count(today, "queriesRefused")} refused"));
            return overall is "healthy" or "degraded" ? CommandLine.Ok : CommandLine.Failed;
        }
    }

    private static async Task<JsonDocument> GetAsync(HttpClient http, string path)
    {
        // /healthz answers 503 with the same JSON when unhealthy: the body matters, not the status code.
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
        {
            throw new HttpRequestException($"GET /{path} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(body).ConfigureAwait(false);
        }
    }

    private static string Count(JsonElement today, string name) =>
        today.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64().ToString(CultureInfo.InvariantCulture)
            : "n/a";
}
