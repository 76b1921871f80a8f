using Microsoft.Extensions.Options;
using NodeAgent.Federation.Link;

namespace NodeAgent.Configuration;

/// <summary>Checks NodeAgent:Hub at start (only when the link is on); each failure names the key, the value and what is allowed.</summary>
internal sealed class HubOptionsValidator : IValidateOptions<HubOptions>
{
    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        const string key = HubOptions.Section;
        if (!Uri.TryCreate(options.Address, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{key}:Address = '{options.Address}' is not allowed: give the hub's https URL, for example https://hub.example.org:8443 (the link always uses TLS)");
        }

        if (string.IsNullOrWhiteSpace(options.NodeId) || options.NodeId.Length > 128 || options.NodeId.Any(char.IsControl))
        {
            failures.Add($"{key}:NodeId = '{options.NodeId}' is not allowed: give this node's name in the federation (1 to 128 characters)");
        }

        if (string.IsNullOrWhiteSpace(options.ClientCertificate))
        {
            failures.Add($"{key}:ClientCertificate is missing: the hub admits nodes by their client certificate (PFX, or PEM with {key}:ClientKey)");
        }

        if (string.IsNullOrWhiteSpace(options.TrustedCa) && string.IsNullOrWhiteSpace(options.PinnedThumbprint))
        {
            failures.Add($"{key}:TrustedCa and {key}:PinnedThumbprint are both missing: the hub is trusted through a CA file or a pinned certificate, never the machine store");
        }

        foreach (var (file, path) in new[] { ("ClientCertificate", options.ClientCertificate), ("ClientKey", options.ClientKey), ("TrustedCa", options.TrustedCa) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                failures.Add($"{key}:{file} = '{path}' is not allowed: the file does not exist");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.PinnedThumbprint) && HubTrustThumbprint(options.PinnedThumbprint).Length != 64)
        {
            failures.Add($"{key}:PinnedThumbprint is not allowed: give the SHA-256 thumbprint of the hub's certificate, 64 hex digits (colons allowed)");
        }

        if (!string.IsNullOrWhiteSpace(options.Proxy) && (!Uri.TryCreate(options.Proxy, UriKind.Absolute, out var proxy) || proxy.Scheme is not ("http" or "https")))
        {
            failures.Add($"{key}:Proxy is not allowed: give an http URL such as http://proxy.hospital.local:3128");
        }

        if (options.HeartbeatSeconds is < 0.1 or > 3600 || double.IsNaN(options.HeartbeatSeconds))
        {
            failures.Add($"{key}:HeartbeatSeconds = '{options.HeartbeatSeconds}' is not allowed: it must be between 0.1 and 3600");
        }

        if (options.MaxBackoffSeconds is < 0.1 or > 3600 || double.IsNaN(options.MaxBackoffSeconds))
        {
            failures.Add($"{key}:MaxBackoffSeconds = '{options.MaxBackoffSeconds}' is not allowed: it must be between 0.1 and 3600");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string HubTrustThumbprint(string value) => new([.. value.Where(c => c != ':' && !char.IsWhiteSpace(c))]);
}
