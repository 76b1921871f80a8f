using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.WindowsServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.EventLog;

namespace NodeAgent;

/// <summary>
/// Where the log goes. Under systemd: standard output with syslog priority prefixes (&lt;6&gt;...) that journald reads
/// as levels, and no timestamp of our own (journald stamps every line). As a Windows service: the Application event
/// log under the source "NodeAgent" that install.ps1 registers. Otherwise: one UTC-stamped line per message.
/// </summary>
internal static class AgentLogging
{
    public const string EventLogSource = "NodeAgent";

    public static void Configure(ILoggingBuilder logging)
    {
        if (SystemdDetection.IsSystemdService)
        {
            logging.AddSystemdConsole(console => console.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            });
        }

        if (OperatingSystem.IsWindows() && WindowsServiceHelpers.IsWindowsService())
        {
            AddEventLog(logging);
        }
    }

    [SupportedOSPlatform("windows")]
    private static void AddEventLog(ILoggingBuilder logging)
    {
        logging.AddEventLog();
        logging.Services.Configure<EventLogSettings>(settings =>
        {
            settings.SourceName = EventLogSource;
            settings.LogName = "Application";
        });
    }
}
