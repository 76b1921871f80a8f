using System.Globalization;
using Microsoft.Extensions.Hosting.Systemd;

namespace NodeAgent;

/// <summary>
/// Whether systemd started this process as a unit's main process. The library's own check reads the parent's
/// /proc/PID/comm, which the unit's <c>ProtectProc=invisible</c> hides from the service user (PID 1 belongs to root):
/// under the hardened unit it answered "no", so READY=1 was never sent and systemd killed the start after its
/// timeout. systemd 248 and later also set SYSTEMD_EXEC_PID to the main process's PID, which needs no /proc.
/// </summary>
internal static class SystemdDetection
{
    private const string ExecPidVariable = "SYSTEMD_EXEC_PID";

    public static bool IsSystemdService { get; } =
        SystemdHelpers.IsSystemdService() || IsExecProcess(Environment.GetEnvironmentVariable(ExecPidVariable), Environment.ProcessId);

    /// <summary>True when <paramref name="execPid"/> (the variable's value) names <paramref name="processId"/>.</summary>
    internal static bool IsExecProcess(string? execPid, int processId) =>
        int.TryParse(execPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid == processId;
}
