using Microsoft.Extensions.Logging;

namespace NodeAgent.Core;

/// <summary>Storage, site secret and quarantine messages: event ids 2200–2299.</summary>
internal static partial class CoreLog
{
    [LoggerMessage(2200, LogLevel.Warning, "Created a new site secret at {Path} (owner-only) for this new, empty data directory: back it up; pseudonyms depend on it")]
    public static partial void SiteSecretCreated(ILogger logger, string path);
}
