using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using NodeAgent.Testing;
using NodeAgent.Testing.Corpus;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Installer;

/// <summary>
/// The real thing: one self-contained linux-x64 publish of src/NodeAgent per run, packaged by build-deb.sh, inspected
/// with dpkg-deb, installed, removed and purged by dpkg into scratch roots and into an overlay of this machine, and
/// installed by install.sh; plus a win-x64 publish. Publishing takes about a minute; the build goes to a temporary artifacts folder, so it neither
/// touches nor races the checkout's bin and obj folders.
/// </summary>
[TestFixture]
[Category("Installer")]
[Platform("Linux")]
[SupportedOSPlatform("linux")]
public sealed class PackageTests
{
    private const string Version = "0.1.0~test";

    private TempDirectory _work = null!;
    private string _publish = null!;
    private string _deb = null!;

    [OneTimeSetUp]
    public async Task PublishAndPackage()
    {
        InstallerTools.Require("dpkg-deb", "dpkg");
        _work = new TempDirectory("installer-package");
        var stopwatch = Stopwatch.StartNew();
        _publish = _work.Combine("publish-linux-x64");
        await PublishAsync("linux-x64", selfContained: true, _publish);
        var published = stopwatch.Elapsed;

        var build = await ProcessRunner.RunAsync(
            InstallerTools.Require("bash", "bash"), [InstallerTools.Linux("build-deb.sh"), Version, _work.Combine("deb"), _publish],
            TimeSpan.FromMinutes(3), env: new Dictionary<string, string> { ["NODEAGENT_DEB_COMPRESSION"] = "gzip" });
        Assert.That(build.ExitCode, Is.Zero, build.StdErr);
        _deb = build.StdOut.Trim();
        TestContext.Progress.WriteLine($"PackageTests: published linux-x64 in {published.TotalSeconds:0} s, built {Path.GetFileName(_deb)} in {(stopwatch.Elapsed - published).TotalSeconds:0} s");
    }

    [OneTimeTearDown]
    public void DeleteWork() => _work?.Dispose();

    [Test]
    public void Build_Package_IsNamedAfterVersionAndArchitecture()
    {
        Assert.That(Path.GetFileName(_deb), Is.EqualTo($"nodeagent_{Version}_amd64.deb"));
        Assert.That(File.Exists(_deb), Is.True);
    }

    [Test]
    public async Task Contents_Package_ListsApplicationUnitAndConfigurationOwnedByRoot()
    {
        var contents = await DpkgDebAsync("--contents", _deb);

        var entries = contents.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(fields => fields[^1], fields => (Mode: fields[0], Owner: fields[1]), StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(entries["./opt/nodeagent/nodeagent"].Mode, Is.EqualTo("-rwxr-xr-x"));
            Assert.That(entries, Does.ContainKey("./opt/nodeagent/nodeagent.dll"));
            Assert.That(entries, Does.ContainKey("./opt/nodeagent/libcoreclr.so"), "self-contained: the runtime is in the package");
            Assert.That(entries, Does.ContainKey("./opt/nodeagent/appsettings.json"));
            Assert.That(entries["./lib/systemd/system/nodeagent.service"].Mode, Is.EqualTo("-rw-r--r--"));
            Assert.That(entries, Does.ContainKey("./etc/nodeagent/appsettings.json"));
            Assert.That(entries, Does.ContainKey("./usr/share/doc/nodeagent/copyright"));
            Assert.That(entries.Values.Select(entry => entry.Owner).Distinct(), Is.EqualTo(new[] { "root/root" }));
        });
    }

    [Test]
    public async Task Info_Package_HasTheControlFieldsAndTheConffile()
    {
        var fields = await DpkgDebAsync("--field", _deb, "Package", "Version", "Architecture", "Depends", "Section", "Priority", "Maintainer", "Description");
        var conffiles = await DpkgDebAsync("--info", _deb, "conffiles");
        var info = await DpkgDebAsync("--info", _deb);

        Assert.Multiple(() =>
        {
            Assert.That(fields, Does.Contain("Package: nodeagent\n"));
            Assert.That(fields, Does.Contain($"Version: {Version}\n"));
            Assert.That(fields, Does.Contain("Architecture: amd64\n"));
            Assert.That(fields, Does.Contain("Depends: adduser\n"));
            Assert.That(fields, Does.Contain("Section: net\n"));
            Assert.That(fields, Does.Contain("Priority: optional\n"));
            Assert.That(fields, Does.Match(@"Maintainer: .+ <.+@.+>\n"));
            Assert.That(fields, Does.Match(@"Description: .+\n .+"));
            Assert.That(conffiles.Trim(), Is.EqualTo("/etc/nodeagent/appsettings.json"));
            Assert.That(info, Does.Contain("postinst").And.Contain("prerm").And.Contain("postrm"));
        });
    }

    [Test]
    public async Task Install_DpkgIntoScratchRoot_CreatesUserAndOwnerOnlyDataDirectoryAndEnablesUnit()
    {
        InstallerTools.RequireRoot();
        using var root = new ScratchRoot();

        var install = await DpkgAsync(root, "--install", _deb);

        Assert.That(install.ExitCode, Is.Zero, install.StdOut + install.StdErr);
        var user = root.PasswdEntry("nodeagent");
        Assert.That(user, Is.Not.Null, "postinst did not create the user nodeagent");
        var dataOwner = await root.OwnerAsync("/var/lib/nodeagent");
        var configurationOwner = await root.OwnerAsync("/etc/nodeagent/appsettings.json");
        Assert.Multiple(() =>
        {
            Assert.That(root.Mode("/opt/nodeagent/nodeagent") & UnixFileMode.OtherExecute, Is.EqualTo(UnixFileMode.OtherExecute));
            Assert.That(user![5], Is.EqualTo("/var/lib/nodeagent"));
            Assert.That(user[6], Is.EqualTo("/usr/sbin/nologin"));
            Assert.That(root.Mode("/var/lib/nodeagent"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(dataOwner, Is.EqualTo(root.Ids("nodeagent")));
            Assert.That(root.Mode("/etc/nodeagent/appsettings.json"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
            Assert.That(configurationOwner, Is.EqualTo("0:" + user[3]));
            Assert.That(File.ResolveLinkTarget(root["/etc/systemd/system/multi-user.target.wants/nodeagent.service"], returnFinalTarget: false)?.FullName,
                Is.EqualTo("/lib/systemd/system/nodeagent.service"), "postinst did not enable the unit");
            Assert.That(File.ReadAllText(root["/var/lib/dpkg/status"]), Does.Contain("Package: nodeagent\nStatus: install ok installed"));
        });

        // The packaged unit, with the packaged executable, as systemd reads it.
        await root.AddHostSystemdUnitsAsync();
        var verify = await ProcessRunner.RunAsync(
            InstallerTools.Require("systemd-analyze", "systemd"), ["verify", $"--root={root.Path}", "nodeagent.service"], TimeSpan.FromMinutes(1));
        Assert.That(verify.ExitCode, Is.Zero, verify.StdErr);
        Assert.That(verify.StdErr + verify.StdOut, Is.Empty);
    }

    [Test]
    public async Task RemoveThenPurge_ScratchRoot_KeepsDataOnRemoveAndDeletesItOnPurge()
    {
        InstallerTools.RequireRoot();
        using var root = new ScratchRoot();
        Assert.That((await DpkgAsync(root, "--install", _deb)).ExitCode, Is.Zero);
        File.WriteAllText(root["/var/lib/nodeagent/received"], "spooled");

        var remove = await DpkgAsync(root, "--remove", "nodeagent");

        Assert.That(remove.ExitCode, Is.Zero, remove.StdOut + remove.StdErr);
        Assert.Multiple(() =>
        {
            Assert.That(root.Exists("/opt/nodeagent"), Is.False);
            Assert.That(root.Exists("/lib/systemd/system/nodeagent.service"), Is.False);
            Assert.That(File.ReadAllText(root["/var/lib/nodeagent/received"]), Is.EqualTo("spooled"), "remove keeps the data");
            Assert.That(root.Exists("/etc/nodeagent/appsettings.json"), Is.True, "remove keeps the conffile");
            Assert.That(root.PasswdEntry("nodeagent"), Is.Not.Null);
        });

        var purge = await DpkgAsync(root, "--purge", "nodeagent");

        Assert.That(purge.ExitCode, Is.Zero, purge.StdOut + purge.StdErr);
        Assert.Multiple(() =>
        {
            Assert.That(root.Exists("/var/lib/nodeagent"), Is.False, "purge deletes the data");
            Assert.That(root.Exists("/etc/nodeagent"), Is.False);
            Assert.That(root.PasswdEntry("nodeagent"), Is.Null);
            Assert.That(root.HasGroup("nodeagent"), Is.False);
            Assert.That(root.Exists("/etc/systemd/system/multi-user.target.wants/nodeagent.service"), Is.False);
            Assert.That(root.Exists("/etc/systemd/system/nodeagent.service"), Is.False, "left masked");
        });
    }

    [Test]
    public async Task InstallForReal_OverlayOfThisMachine_DebAndScriptsCreateUserFilesAndUnit()
    {
        // dpkg --root cannot run adduser, the path a real installation takes; an overlay of this machine can.
        InstallerTools.RequireRoot();
        var unshare = InstallerTools.Require("unshare", "util-linux");
        var probe = await ProcessRunner.RunAsync(unshare, ["--mount", "--propagation", "private", "true"], TimeSpan.FromSeconds(30));
        if (probe.ExitCode != 0)
        {
            Assert.Ignore($"This machine allows no private mount namespace, which the overlay needs: {probe.StdErr.Trim()}");
        }

        using var scratch = new TempDirectory("installer-overlay");
        var run = await ProcessRunner.RunAsync(
            unshare,
            ["--mount", "--propagation", "private", InstallerTools.Require("bash", "bash"),
             Path.Combine(RepoPaths.RepoRoot, "tests", "NodeAgent.Tests", "Installer", "overlay-chroot.sh"),
             _deb, _publish, Path.Combine(RepoPaths.RepoRoot, "installer"), scratch.Path,
             AgentProcess.FreePort().ToString(CultureInfo.InvariantCulture), AgentProcess.FreePort().ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(5));
        if (run.ExitCode == 77)
        {
            Assert.Ignore($"This machine does not allow an overlay mount: {run.StdErr.Trim()}");
        }

        Assert.That(run.ExitCode, Is.Zero, run.StdOut + run.StdErr);
        var facts = Facts(run.StdOut);
        const string Account = @"^nodeagent:x:\d+:\d+:[^:]*:/var/lib/nodeagent:/usr/sbin/nologin$";
        Assert.Multiple(() =>
        {
            Assert.That(facts["deb.user"], Does.Match(Account));
            Assert.That(facts["deb.group"], Does.StartWith("nodeagent:x:"));
            Assert.That(facts["deb.data"], Is.EqualTo("nodeagent:nodeagent 700"));
            Assert.That(facts["deb.config"], Is.EqualTo("root:nodeagent 640"));
            Assert.That(facts["deb.enabled"], Is.EqualTo("enabled"));
            Assert.That(facts["deb.reinstalled"], Is.EqualTo("install ok installed"));
            Assert.That(facts["deb.check"], Is.EqualTo("configuration OK"), "check-config as the service user");
            Assert.That(facts["run.healthz"], Is.EqualTo("{\"status\":\"healthy\""), "curl /healthz of the installed agent");
            Assert.That(int.Parse(facts["run.metrics"], CultureInfo.InvariantCulture), Is.GreaterThan(0), "curl /metrics lists nodeagent_ samples");
            Assert.That(facts["run.status"], Is.EqualTo("healthy"), "nodeagent status as the service user");
            Assert.That(facts["run.exit"], Is.EqualTo("0"), "SIGTERM stops the installed agent cleanly");
            Assert.That(facts["run.stopped"], Is.EqualTo("3"), "nodeagent status with no agent running");
            Assert.That(facts["backup.mode"], Is.EqualTo("600"));
            Assert.That(facts["backup.has"], Is.EqualTo("2"), "the configuration and the data directory are in the backup");
            Assert.That(facts["restore.marker"], Is.EqualTo("nodeagent"));
            Assert.That(facts["remove.data"], Is.EqualTo("nodeagent 700"));
            Assert.That(facts["remove.app"], Is.EqualTo("absent"));
            Assert.That(facts["purge.data"], Is.EqualTo("absent"));
            Assert.That(facts["purge.config"], Is.EqualTo("absent"));
            Assert.That(facts["purge.user"], Is.EqualTo("absent"));
            Assert.That(facts["script.user"], Does.Match(Account));
            Assert.That(facts["script.data"], Is.EqualTo("nodeagent:nodeagent 700"));
            Assert.That(facts["script.config"], Is.EqualTo("root:nodeagent 640"));
            Assert.That(facts["script.dropin"], Is.EqualTo("present"));
            Assert.That(facts["script.enabled"], Is.EqualTo("enabled"));
            Assert.That(facts["script.check"], Is.EqualTo("configuration OK"), "check-config as the service user");
            Assert.That(facts["unscript.unit"], Is.EqualTo("absent"));
            Assert.That(facts["unscript.data"], Is.EqualTo("absent"));
            Assert.That(facts["unscript.user"], Is.EqualTo("absent"));
        });
    }

    [Test]
    public async Task BootedSystemd_OverlayOfThisMachine_ReadmeServiceCommandsRunForReal()
    {
        // The unit's hardening, Type=notify and the journal only show what they do under a running systemd, which
        // this machine (no systemd as PID 1) lacks; systemd-nspawn boots one in a throwaway overlay of the machine.
        InstallerTools.RequireRoot();
        var unshare = InstallerTools.Require("unshare", "util-linux");
        InstallerTools.Require("systemd-nspawn", "systemd-container");
        using var scratch = new TempDirectory("installer-boot");
        var instances = Directory.CreateDirectory(scratch.Combine("instances")).FullName;
        var patient = SyntheticPatient.Numbered(61);
        const int Sent = 3;
        for (var i = 1; i <= Sent; i++)
        {
            var uids = SmallCtUids.Under("1.2.826.0.1.3680043.10.1399.61", instance: i);
            SmallCt.Save(SmallCt.Create(patient, uids, "20240615", i), Path.Combine(instances, $"ct{i}.dcm"));
        }

        var run = await ProcessRunner.RunAsync(
            unshare,
            ["--mount", "--propagation", "private", InstallerTools.Require("bash", "bash"),
             Path.Combine(RepoPaths.RepoRoot, "tests", "NodeAgent.Tests", "Installer", "overlay-boot.sh"),
             _deb, _publish, Path.Combine(RepoPaths.RepoRoot, "installer"), scratch.Combine("boot"), instances],
            TimeSpan.FromMinutes(6));
        if (run.ExitCode == 77)
        {
            Assert.Ignore($"This machine cannot boot systemd in an overlay: {run.StdErr.Trim()}");
        }

        var journalPath = scratch.Combine("boot", "journal.txt");
        var journal = File.Exists(journalPath) ? File.ReadAllText(journalPath) : "(no journal)";
        Assert.That(run.ExitCode, Is.Zero, run.StdOut + run.StdErr + journal);
        var facts = Facts(run.StdOut);
        TestContext.Progress.WriteLine($"BootedSystemd: systemd-analyze security exposure {facts.GetValueOrDefault("sandbox.exposure")}");
        Assert.Multiple(() =>
        {
            Assert.That(facts["deb.active"], Is.EqualTo("active"), "dpkg --install starts the unit, and READY=1 reaches systemd");
            Assert.That(facts["deb.enabled"], Is.EqualTo("enabled"));
            Assert.That(facts["deb.echo"], Is.EqualTo("ok"), "Type=notify: the listener answers as soon as the start returns");
            Assert.That(facts["sandbox.user"], Is.EqualTo("nodeagent"));
            Assert.That(facts["sandbox.nonewprivs"], Is.EqualTo("1"));
            Assert.That(facts["sandbox.capeff"], Is.EqualTo("0000000000000000"), "no capability at all on port 11112");
            Assert.That(double.Parse(facts["sandbox.exposure"], CultureInfo.InvariantCulture), Is.LessThan(4.0), "systemd-analyze security rates the unit OK or better");
            Assert.That(facts["send.storescu"], Is.EqualTo("ok"));
            Assert.That(facts["send.stored"], Is.EqualTo($"{Sent}/{Sent}"));
            Assert.That(facts["run.healthz"], Is.EqualTo("{\"status\":\"healthy\""));
            Assert.That(facts["upgrade.active"], Is.EqualTo("active"));
            Assert.That(facts["upgrade.newpid"], Is.EqualTo("yes"), "an upgrade restarts the unit");
            Assert.That(facts["upgrade.stored"], Is.EqualTo(Sent.ToString(CultureInfo.InvariantCulture)), "an upgrade keeps the data");
            Assert.That(facts["config.check"], Is.EqualTo("configuration OK"));
            Assert.That(facts["restart.active"], Is.EqualTo("active"));
            Assert.That(facts["restart.newpid"], Is.EqualTo("yes"));
            Assert.That(facts["restart.result"], Is.EqualTo("success"));
            Assert.That(facts["stop.active"], Is.EqualTo("inactive"));
            Assert.That(facts["stop.result"], Is.EqualTo("success"), "SIGTERM ends the agent cleanly within TimeoutStopSec");
            Assert.That(facts["backup.instances"], Is.EqualTo(Sent.ToString(CultureInfo.InvariantCulture)));
            Assert.That(facts["start.active"], Is.EqualTo("active"));
            Assert.That(facts["start.echo"], Is.EqualTo("ok"));
            Assert.That(facts["remove.active"], Is.EqualTo("inactive"), "dpkg --remove stops the unit");
            Assert.That(facts["remove.data"], Is.EqualTo("present"));
            Assert.That(facts["purge.data"], Is.EqualTo("absent"));
            Assert.That(facts["script.active"], Is.EqualTo("active"), "install.sh starts the unit");
            Assert.That(facts["script.echo"], Is.EqualTo("ok"));
            Assert.That(facts["unscript.active"], Is.EqualTo("inactive"));
            Assert.That(facts["unscript.user"], Is.EqualTo("absent"));
            Assert.That(facts["journal.warnings"], Is.EqualTo("1"), "journalctl -p warning: the new-secret warning keeps its level");
        });

        // journalctl -u nodeagent: journald's own levels (the systemd console format, no timestamps of ours), the
        // association line, and nothing identifying.
        Assert.Multiple(() =>
        {
            Assert.That(journal, Does.Contain("DICOM listener on 127.0.0.1:11112 as NODEAGENT"));
            Assert.That(journal, Does.Match(@"Association [0-9a-f]+ from 127\.0\.0\.1: STORESCU -> NODEAGENT, \d+ contexts accepted, 3 instances \(0 failed\)"));
            Assert.That(journal, Does.Not.Match(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (info|warn|fail):"), "under systemd the agent leaves timestamps to journald");
            foreach (var value in new[] { patient.FamilyName, patient.PatientId, patient.BirthDate, "1.2.826.0.1.3680043.10.1399.61" })
            {
                Assert.That(journal, Does.Not.Contain(value), "the journal holds nothing identifying");
            }
        });
    }

    [Test]
    public async Task InstallScript_ConfiguredLowPort_KeepsTheDropInWithoutPortOption()
    {
        using var root = new ScratchRoot();
        var first = await InstallerTools.RunScriptAsync("install.sh", "--root", root.Path, "--publish-dir", _publish, "--port", "104");
        Assert.That(first.ExitCode, Is.Zero, first.StdErr);

        // An upgrade without --port: the installed agent's check-config reads port 104 from the kept configuration.
        var upgrade = await InstallerTools.RunScriptAsync("install.sh", "--root", root.Path, "--publish-dir", _publish);

        Assert.That(upgrade.ExitCode, Is.Zero, upgrade.StdErr);
        Assert.That(upgrade.StdOut, Does.Contain("(port 104)"));
        Assert.That(root.Exists("/etc/systemd/system/nodeagent.service.d/low-port.conf"), Is.True);
        Assert.That(root.Exists("/opt/nodeagent/libcoreclr.so"), Is.True);
    }

    [Test]
    public async Task Notify_PublishedAgentStartedAsSystemdWould_SendsReadyThenStopping()
    {
        // The unit is Type=notify: systemd waits for READY=1 and fails the start when it never comes. The host only
        // notifies when its parent process is systemd, so a script named systemd stands in for it, with the unit's
        // environment; SIGTERM is what systemctl stop sends.
        using var scratch = new TempDirectory("installer-notify");
        using var systemd = new SystemdNotifyListener(scratch.Combine("notify"));
        var parent = scratch.Combine("systemd");
        File.WriteAllText(parent, "#!/bin/sh\n\"$@\" &\necho $! >\"$NODEAGENT_TEST_PID_FILE\"\nwait $!\n");
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var data = Directory.CreateDirectory(scratch.Combine("data")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = systemd.Path,
            ["NODEAGENT_TEST_PID_FILE"] = scratch.Combine("pid"),
            ["NODEAGENT_MACHINE_CONFIG"] = scratch.Combine("no-machine-config.json"),
            ["NodeAgent__Storage__DataDirectory"] = data,
            ["NodeAgent__Storage__MinimumFreeMegabytes"] = "16",
            ["NodeAgent__Storage__MinimumFreePercent"] = "0",
            ["NodeAgent__Dicom__Port"] = AgentProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        using var stop = new CancellationTokenSource();
        var agent = ProcessRunner.RunAsync(parent, [Path.Combine(_publish, "nodeagent"), "run"], TimeSpan.FromMinutes(2), env: environment, cancellationToken: stop.Token);
        try
        {
            await systemd.WaitForAsync("READY=1", agent, TimeSpan.FromSeconds(60));
            // Ready means bound: the DICOM port takes a connection the moment READY=1 has arrived.
            using (var probe = new System.Net.Sockets.TcpClient())
            {
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, int.Parse(environment["NodeAgent__Dicom__Port"], CultureInfo.InvariantCulture));
            }

            var pid = File.ReadAllText(scratch.Combine("pid")).Trim();
            (await ProcessRunner.RunAsync(InstallerTools.Require("kill", "procps"), ["-TERM", pid], TimeSpan.FromSeconds(30))).EnsureSuccess();
            await systemd.WaitForAsync("STOPPING=1", agent, TimeSpan.FromSeconds(60));
            var result = await agent.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
            // Under systemd the log lines carry syslog priorities for journald and no timestamp of our own.
            Assert.That(result.StdOut, Does.Contain("<6>NodeAgent.Dicom.Network.DicomServer[1000] DICOM listener on"), result.StdOut);
            Assert.That(result.StdOut, Does.Not.Contain(" info: "), "the simple console format is for terminals, not the journal");
            Assert.That(systemd.Messages.ToList().IndexOf("READY=1"), Is.LessThan(systemd.Messages.ToList().IndexOf("STOPPING=1")), string.Join(", ", systemd.Messages));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(agent, Task.Delay(TimeSpan.FromSeconds(15)));
        }
    }

    [Test]
    public async Task Publish_WinX64_ProducesTheServiceExecutable()
    {
        // Framework-dependent to spare the download of the Windows runtime pack; what is Windows-specific here (the
        // RID, the apphost nodeagent.exe, the Windows service host assemblies) is the same for a self-contained one.
        var output = _work.Combine("publish-win-x64");

        await PublishAsync("win-x64", selfContained: false, output);

        Assert.That(File.Exists(Path.Combine(output, "nodeagent.exe")), Is.True);
        Assert.That(File.Exists(Path.Combine(output, "Microsoft.Extensions.Hosting.WindowsServices.dll")), Is.True);
        Assert.That(File.Exists(Path.Combine(output, "appsettings.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(output, "nodeagent")), Is.False);
    }

    private Task PublishAsync(string runtime, bool selfContained, string output) =>
        InstallerTools.PublishAsync(runtime, selfContained, output, _work.Combine("artifacts"));

    // The overlay scripts print one name=value fact per line.
    private static Dictionary<string, string> Facts(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static async Task<string> DpkgDebAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(InstallerTools.Require("dpkg-deb", "dpkg"), arguments, TimeSpan.FromMinutes(1));
        return result.EnsureSuccess().StdOut;
    }

    /// <summary>
    /// dpkg into the scratch root. --force-script-chrootless runs the maintainer scripts here rather than chrooted (the
    /// root has no shell), with DPKG_ROOT set, which the scripts honour; --force-depends because the root's empty
    /// database lacks adduser.
    /// </summary>
    private static Task<ProcessResult> DpkgAsync(ScratchRoot root, params string[] action)
    {
        root.EnsureDpkgDatabase();
        return ProcessRunner.RunAsync(
            InstallerTools.Require("dpkg", "dpkg"),
            [$"--root={root.Path}", "--force-script-chrootless", "--force-depends", "--log=/dev/null", .. action],
            TimeSpan.FromMinutes(2));
    }
}
