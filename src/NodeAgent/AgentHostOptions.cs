using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;

namespace NodeAgent;

/// <summary>
/// Start in order, one after the other (readiness depends on it); allow stopping the listener's drain timeout plus
/// 15 s for the rest. The systemd unit's TimeoutStopSec (60 s) covers the default 30 s drain.
/// </summary>
internal sealed class AgentHostOptions(IOptions<DicomOptions> dicom) : IConfigureOptions<HostOptions>
{
    public void Configure(HostOptions options)
    {
        options.ServicesStartConcurrently = false;
        options.ServicesStopConcurrently = false;
        options.ShutdownTimeout = TimeSpan.FromSeconds(dicom.Value.DrainTimeoutSeconds + 15);
    }
}
