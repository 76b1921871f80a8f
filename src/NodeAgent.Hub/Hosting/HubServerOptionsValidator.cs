using System.Net;
using Microsoft.Extensions.Options;

namespace NodeAgent.Hub.Hosting;

/// <summary>Checks the Hub section at start; each failure names the key, the value and what is allowed.</summary>
internal sealed class HubServerOptionsValidator : IValidateOptions<HubServerOptions>
{
    public ValidateOptionsResult Validate(string? name, HubServerOptions options)
    {
        var failures = new List<string>();
        const string key = HubServerOptions.Section;
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"{key}:ListenAddress = '{options.ListenAddress}' is not allowed: give an IP address such as 0.0.0.0");
        }

        foreach (var (port, portKey) in new[] { (options.Port, "Port"), (options.AdminPort, "AdminPort") })
        {
            if (port is < 0 or > 65535)
            {
                failures.Add($"{key}:{portKey} = '{port}' is not allowed: a port is 0 to 65535");
            }
        }

        if (options.Port != 0 && options.Port == options.AdminPort)
        {
            failures.Add($"{key}:AdminPort = '{options.AdminPort}' is not allowed: it must differ from {key}:Port");
        }

        foreach (var (file, fileKey, required) in new[] { (options.Certificate, "Certificate", true), (options.PrivateKey, "PrivateKey", false), (options.ClientCa, "ClientCa", true) })
        {
            if (string.IsNullOrWhiteSpace(file))
            {
                if (required)
                {
                    failures.Add($"{key}:{fileKey} is missing: the hub needs it for mutual TLS");
                }
            }
            else if (!File.Exists(file))
            {
                failures.Add($"{key}:{fileKey} = '{file}' is not allowed: the file does not exist");
            }
        }

        if (options.AllowedNodes.Count == 0)
        {
            failures.Add($"{key}:AllowedNodes is empty: list the node certificates admitted (SHA-256 thumbprints or subject names)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
