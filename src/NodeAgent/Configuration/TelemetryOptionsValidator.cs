using System.Net;
using Microsoft.Extensions.Options;

namespace NodeAgent.Configuration;

/// <summary>Checks NodeAgent:Telemetry at start; each failure names the key, the value and what is allowed.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        var key = TelemetryOptions.Section;
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
        {
            failures.Add($"{key}:OtlpEndpoint = '{options.OtlpEndpoint}' is not allowed: give an http or https URI such as http://collector:4317, or leave it empty");
        }

        if (options.OtlpProtocol is not (Grpc or HttpProtobuf))
        {
            failures.Add($"{key}:OtlpProtocol = '{options.OtlpProtocol}' is not allowed: use {Grpc} or {HttpProtobuf}");
        }

        foreach (var header in options.OtlpHeaders.Keys.Where(h => h.Length == 0 || h.Any(c => c is ',' or '=' || char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            // The name only: the value may be a credential.
            failures.Add($"{key}:OtlpHeaders:{header} is not allowed: a header name has no spaces, commas or equals signs");
        }

        if (!IPAddress.TryParse(options.MetricsAddress, out var address) || !IPAddress.IsLoopback(address))
        {
            failures.Add($"{key}:MetricsAddress = '{options.MetricsAddress}' is not allowed: the monitoring endpoint binds only to a loopback address (127.0.0.1 or ::1)");
        }

        if (options.MetricsPort is < 0 or > 65535)
        {
            failures.Add($"{key}:MetricsPort = '{options.MetricsPort}' is not allowed: a port is 1 to 65535, or 0 for none");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
