using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;

namespace NodeAgent;

/// <summary>
/// Start in order, one after the other (readiness depends on it); allow stopping the listener's drain timeout plus
/// 15 s for the rest. The systemd unit's TimeoutStopSec (60 s) covers the default 30 s drain. The drain timeout is
/// read from the configuration, not from the validated DicomOptions: the host reads HostOptions while it is being
/// built, and a bad Dicom value must be reported by validation with all the others (check-config), not here.
/// </summary>
internal sealed class AgentHostOptions(IConfiguration configuration) : IConfigureOptions<HostOptions>
{
    public void Configure(HostOptions options)
    {
        var drain = int.TryParse(configuration[$"{DicomOptions.Section}:DrainTimeoutSeconds"], out var seconds) && seconds is >= 0 and <= 3600
            ? seconds
            : new DicomOptions().DrainTimeoutSeconds;
        options.ServicesStartConcurrently = false;
        options.ServicesStopConcurrently = false;
        options.ShutdownTimeout = TimeSpan.FromSeconds(drain + 15);
    }
}
