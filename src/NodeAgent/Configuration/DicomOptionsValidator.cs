using System.Net;
using Microsoft.Extensions.Options;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Configuration;

/// <summary>Checks NodeAgent:Dicom at start; each failure names the key, the value and what is allowed.</summary>
internal sealed class DicomOptionsValidator : IValidateOptions<DicomOptions>
{
    public ValidateOptionsResult Validate(string? name, DicomOptions options)
    {
        var failures = new List<string>();
        var key = DicomOptions.Section;
        if (!AeTitle.IsValid(options.AeTitle))
        {
            failures.Add($"{key}:AeTitle = '{options.AeTitle}' is not allowed: an AE title has 1 to 16 characters, no backslash and no control characters");
        }

        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"{key}:BindAddress = '{options.BindAddress}' is not allowed: give an IP address such as 127.0.0.1 or 0.0.0.0");
        }

        CheckPort(failures, $"{key}:Port", options.Port, allowZero: false);
        CheckPort(failures, $"{key}:TlsPort", options.TlsPort, allowZero: true);
        if (options.TlsPort != 0 && options.TlsPort == options.Port)
        {
            failures.Add($"{key}:TlsPort = '{options.TlsPort}' is not allowed: it must differ from {key}:Port");
        }

        if (options.TlsPort != 0 && string.IsNullOrWhiteSpace(options.TlsCertificate))
        {
            failures.Add($"{key}:TlsCertificate is missing: a TLS port needs a server certificate (PFX, or PEM with {key}:TlsPrivateKey)");
        }

        foreach (var (file, path) in new[] { ("TlsCertificate", options.TlsCertificate), ("TlsPrivateKey", options.TlsPrivateKey), ("TlsClientCa", options.TlsClientCa) })
        {
            if (options.TlsPort != 0 && !string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                failures.Add($"{key}:{file} = '{path}' is not allowed: the file does not exist");
            }
        }

        for (var i = 0; i < options.AllowedCallers.Count; i++)
        {
            var caller = options.AllowedCallers[i];
            if (caller.AeTitle != "*" && !AeTitle.IsValid(caller.AeTitle))
            {
                failures.Add($"{key}:AllowedCallers:{i}:AeTitle = '{caller.AeTitle}' is not allowed: use an AE title of 1 to 16 characters, or * for any caller");
            }

            foreach (var address in caller.Addresses.Where(a => !IPAddress.TryParse(a, out _)))
            {
                failures.Add($"{key}:AllowedCallers:{i}:Addresses = '{address}' is not allowed: give IP addresses");
            }
        }

        CheckRange(failures, $"{key}:MaxAssociations", options.MaxAssociations, 1, 1000);
        CheckRange(failures, $"{key}:MaxPduLength", options.MaxPduLength, 4096, 16 * 1024 * 1024);
        CheckRange(failures, $"{key}:ArtimTimeoutSeconds", options.ArtimTimeoutSeconds, 1, 3600);
        CheckRange(failures, $"{key}:IdleTimeoutSeconds", options.IdleTimeoutSeconds, 1, 86400);
        CheckRange(failures, $"{key}:DrainTimeoutSeconds", options.DrainTimeoutSeconds, 0, 3600);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port, bool allowZero)
    {
        if (port is < 0 or > 65535 || (port == 0 && !allowZero))
        {
            failures.Add($"{key} = '{port}' is not allowed: a port is 1 to 65535{(allowZero ? ", or 0 for none" : "")}");
        }
    }

    private static void CheckRange(List<string> failures, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} = '{value}' is not allowed: it must be between {min} and {max}");
        }
    }
}
