using System.Globalization;
using System.Net;
using System.Text.Json;

namespace NodeAgent.Tests.Support;

/// <summary>Reads a running agent's monitoring endpoint as Prometheus and a person with curl would.</summary>
public sealed class MonitoringClient : IDisposable
{
    private readonly HttpClient _http;

    public MonitoringClient(int port)
    {
        _http = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"),
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    /// <summary>The settings that turn the endpoint on at <paramref name="port"/>, for <see cref="AgentProcess.StartAsync"/>.</summary>
    public static Dictionary<string, string> Settings(int port) =>
        new() { ["NodeAgent__Telemetry__MetricsPort"] = port.ToString(CultureInfo.InvariantCulture) };

    public async Task<string> MetricsAsync()
    {
        using var response = await _http.GetAsync(new Uri("metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<(HttpStatusCode Status, JsonDocument Body)> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body);
    }

    public void Dispose() => _http.Dispose();
}
