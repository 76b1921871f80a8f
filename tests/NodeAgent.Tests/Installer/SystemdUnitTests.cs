using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Tests.Installer;

/// <summary>
/// The systemd unit as install.sh lays it out, checked by systemd itself: <c>systemd-analyze verify</c> (which only
/// warns, exit code 0, on a misspelt key or a bad value, so any output is a failure here) and the offline
/// <c>systemd-analyze security</c> review. The executable is a stand-in: verify only needs it to exist.
/// </summary>
[TestFixture]
[Category("Installer")]
[Platform("Linux")]
[SupportedOSPlatform("linux")]
public sealed partial class SystemdUnitTests
{
    [Test]
    public async Task Verify_InstalledUnit_ReportsNothing()
    {
        using var root = await InstallAsync("--port", "11112");

        var verify = await VerifyAsync(root);

        Assert.That(root.Exists("/etc/systemd/system/nodeagent.service.d/low-port.conf"), Is.False);
        Assert.That(verify.ExitCode, Is.Zero, verify.StdErr);
        Assert.That(verify.StdErr + verify.StdOut, Is.Empty, "systemd-analyze verify reported problems");
    }

    [Test]
    public async Task Verify_InstalledUnitWithLowPortDropIn_ReportsNothing()
    {
        using var root = await InstallAsync("--port", "104");

        var verify = await VerifyAsync(root);

        Assert.That(root.Exists("/etc/systemd/system/nodeagent.service.d/low-port.conf"), Is.True);
        Assert.That(verify.ExitCode, Is.Zero, verify.StdErr);
        Assert.That(verify.StdErr + verify.StdOut, Is.Empty, "systemd-analyze verify reported problems");
    }

    [Test]
    public async Task Verify_UnitWithBadValue_ReportsIt()
    {
        // The check above must be able to fail: a misspelt value is only a warning with exit code 0.
        using var root = await InstallAsync();
        var unit = root["/etc/systemd/system/nodeagent.service"];
        File.WriteAllText(unit, File.ReadAllText(unit).Replace("ProtectSystem=strict", "ProtectSystem=strikt", StringComparison.Ordinal));

        var verify = await VerifyAsync(root);

        Assert.That(verify.StdErr, Does.Contain("nodeagent.service:").And.Contain("strikt"));
    }

    [Test]
    public async Task Security_InstalledUnit_ExposureIsAtMostFour()
    {
        using var root = await InstallAsync("--port", "104");

        var review = await ProcessRunner.RunAsync(
            InstallerTools.Require("systemd-analyze", "systemd"),
            ["security", "--offline=true", $"--root={root.Path}", "--no-pager", "nodeagent.service"],
            TimeSpan.FromMinutes(1));

        var overall = OverallExposure().Match(review.StdOut);
        Assert.That(overall.Success, Is.True, $"no overall exposure level in:\n{review.StdOut}\n{review.StdErr}");
        // systemd calls 0-4.9 "OK"; the unit scores 3.0 with the low-port capability. Raising it needs a reason.
        Assert.That(double.Parse(overall.Groups["level"].Value, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(4.0), review.StdOut);
    }

    [Test]
    public void Unit_Directives_AreTheHardenedServiceTheIssueAsksFor()
    {
        var directives = Directives(File.ReadAllLines(InstallerTools.Linux("nodeagent.service")));

        Assert.Multiple(() =>
        {
            Assert.That(directives["Type"], Is.EqualTo(new[] { "notify" }));
            Assert.That(directives["ExecStart"], Is.EqualTo(new[] { "/opt/nodeagent/nodeagent run" }));
            Assert.That(directives["User"], Is.EqualTo(new[] { "nodeagent" }));
            Assert.That(directives["Group"], Is.EqualTo(new[] { "nodeagent" }));
            Assert.That(directives["WorkingDirectory"], Is.EqualTo(new[] { "/var/lib/nodeagent" }));
            Assert.That(directives["Environment"], Does.Contain("NodeAgent__Storage__DataDirectory=/var/lib/nodeagent"));
            Assert.That(directives["ReadWritePaths"], Is.EqualTo(new[] { "/var/lib/nodeagent" }));
            Assert.That(directives["ProtectSystem"], Is.EqualTo(new[] { "strict" }));
            Assert.That(directives["ProtectHome"], Is.EqualTo(new[] { "yes" }));
            Assert.That(directives["PrivateTmp"], Is.EqualTo(new[] { "yes" }));
            Assert.That(directives["NoNewPrivileges"], Is.EqualTo(new[] { "yes" }));
            Assert.That(directives["Restart"], Is.EqualTo(new[] { "on-failure" }));
            // The host drains for up to 45 s after SIGTERM (HostOptions.ShutdownTimeout).
            Assert.That(Seconds(directives["TimeoutStopSec"].Single()), Is.GreaterThan(45));
            // Capabilities only through low-port.conf; the .NET JIT needs writable and executable memory.
            Assert.That(directives["CapabilityBoundingSet"], Is.EqualTo(new[] { "" }));
            Assert.That(directives.ContainsKey("AmbientCapabilities"), Is.False);
            Assert.That(directives.ContainsKey("MemoryDenyWriteExecute"), Is.False);
        });
    }

    [Test]
    public void LowPortDropIn_Directives_GrantOnlyNetBindService()
    {
        var directives = Directives(File.ReadAllLines(InstallerTools.Linux("low-port.conf")));

        Assert.That(directives.Keys, Is.EquivalentTo(new[] { "CapabilityBoundingSet", "AmbientCapabilities" }));
        Assert.That(directives["CapabilityBoundingSet"], Is.EqualTo(new[] { "CAP_NET_BIND_SERVICE" }));
        Assert.That(directives["AmbientCapabilities"], Is.EqualTo(new[] { "CAP_NET_BIND_SERVICE" }));
    }

    /// <summary>Installs with install.sh into a scratch root holding the machine's systemd units.</summary>
    private static async Task<ScratchRoot> InstallAsync(params string[] options)
    {
        InstallerTools.Require("systemd-analyze", "systemd");
        using var scratch = new TempDirectory("installer-publish");
        var root = new ScratchRoot();
        try
        {
            var publish = InstallerTools.CreateFakePublish(scratch);
            var install = await InstallerTools.RunScriptAsync("install.sh", ["--root", root.Path, "--publish-dir", publish, .. options]);
            Assert.That(install.ExitCode, Is.Zero, install.StdErr);
            await root.AddHostSystemdUnitsAsync();
            return root;
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    private static Task<ProcessResult> VerifyAsync(ScratchRoot root) =>
        ProcessRunner.RunAsync(
            InstallerTools.Require("systemd-analyze", "systemd"),
            ["verify", $"--root={root.Path}", "nodeagent.service"],
            TimeSpan.FromMinutes(1));

    /// <summary>Key to values, in order, of every <c>Key=Value</c> line (comments and section headers skipped).</summary>
    private static Dictionary<string, List<string>> Directives(IEnumerable<string> lines)
    {
        var directives = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not ('#' or ';' or '[')))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = line[..equals];
            if (!directives.TryGetValue(key, out var values))
            {
                directives[key] = values = [];
            }

            values.Add(line[(equals + 1)..]);
        }

        return directives;
    }

    private static double Seconds(string timeSpan)
    {
        var match = SecondsValue().Match(timeSpan);
        Assert.That(match.Success, Is.True, $"'{timeSpan}' is not a number of seconds");
        return double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Overall exposure level for nodeagent\.service: (?<level>\d+\.\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex OverallExposure();

    [GeneratedRegex(@"^(?<seconds>\d+)s?$", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsValue();
}
