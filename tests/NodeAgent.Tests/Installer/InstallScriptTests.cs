using System.Runtime.Versioning;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Installer;

/// <summary>
/// install.sh and uninstall.sh run for real with --root into a scratch directory, never touching the machine, with a
/// stand-in publish folder (the real self-contained publish is in <see cref="PackageTests"/>).
/// </summary>
[TestFixture]
[Category("Installer")]
[Platform("Linux")]
[SupportedOSPlatform("linux")]
public sealed class InstallScriptTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private TempDirectory _scratch = null!;
    private string _publish = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new TempDirectory("installer-publish");
        _publish = InstallerTools.CreateFakePublish(_scratch);
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Install_EmptyRoot_PutsEveryFileInPlace()
    {
        using var root = new ScratchRoot();

        var install = await InstallAsync(root);

        Assert.That(install.ExitCode, Is.Zero, install.StdErr);
        Assert.Multiple(() =>
        {
            Assert.That(root.Mode("/opt/nodeagent/nodeagent") & UnixFileMode.OtherExecute, Is.EqualTo(UnixFileMode.OtherExecute));
            Assert.That(File.ReadAllText(root["/etc/systemd/system/nodeagent.service"]), Is.EqualTo(File.ReadAllText(InstallerTools.Linux("nodeagent.service"))));
            Assert.That(root.Exists("/etc/systemd/system/nodeagent.service.d/low-port.conf"), Is.False);
            Assert.That(root.Mode("/var/lib/nodeagent"), Is.EqualTo(OwnerOnly), "the data directory holds the spool: owner-only");
            Assert.That(root.Mode("/etc/nodeagent"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute));
            Assert.That(root.Mode("/etc/nodeagent/appsettings.json"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
            Assert.That(File.ReadAllText(root["/etc/nodeagent/appsettings.json"]), Does.Contain("\"BindAddress\": \"127.0.0.1\"").And.Contain("\"Port\": 11112"));
        });
        if (Peers.Find("systemctl") is not null)
        {
            Assert.That(File.ResolveLinkTarget(root["/etc/systemd/system/multi-user.target.wants/nodeagent.service"], returnFinalTarget: false)?.FullName,
                Is.EqualTo("/etc/systemd/system/nodeagent.service"), "enabled");
        }
    }

    [Test]
    public async Task Install_AsRoot_CreatesSystemUserOwningTheDataDirectory()
    {
        InstallerTools.RequireRoot();
        using var root = new ScratchRoot();

        var install = await InstallAsync(root);

        Assert.That(install.ExitCode, Is.Zero, install.StdErr);
        var user = root.PasswdEntry("nodeagent");
        Assert.That(user, Is.Not.Null, "no nodeagent in the root's /etc/passwd");
        Assert.That(int.Parse(user![2], System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(1000), "a system account");
        Assert.That(user[5], Is.EqualTo("/var/lib/nodeagent"));
        Assert.That(user[6], Is.EqualTo("/usr/sbin/nologin"));
        Assert.That(await root.OwnerAsync("/var/lib/nodeagent"), Is.EqualTo(root.Ids("nodeagent")));
        Assert.That(await root.OwnerAsync("/etc/nodeagent/appsettings.json"), Is.EqualTo("0:" + user[3]), "root-owned, readable by the service group");
        Assert.That(await root.OwnerAsync("/opt/nodeagent/nodeagent"), Is.EqualTo("0:0"));
    }

    [Test]
    public async Task Install_BindAndPortGiven_StarterConfigurationIsValidForTheAgent()
    {
        using var root = new ScratchRoot();
        var install = await InstallAsync(root, "--bind", "0.0.0.0", "--port", "4242");
        Assert.That(install.ExitCode, Is.Zero, install.StdErr);

        // The agent built with these tests reads the starter (JSON with comments) as its machine file.
        var check = await ProcessRunner.RunAsync(
            InstallerTools.Dotnet, [AgentProcess.Executable, "check-config"], TimeSpan.FromMinutes(1),
            env: new Dictionary<string, string> { ["NODEAGENT_MACHINE_CONFIG"] = root["/etc/nodeagent/appsettings.json"] });

        Assert.That(check.ExitCode, Is.Zero, check.StdOut + check.StdErr);
        Assert.That(check.StdOut, Does.Contain("NodeAgent:Dicom:BindAddress = 0.0.0.0"));
        Assert.That(check.StdOut, Does.Contain("NodeAgent:Dicom:Port = 4242"));
        Assert.That(check.StdOut, Does.Contain("NodeAgent:Storage:DataDirectory = /var/lib/nodeagent"));
    }

    [Test]
    public async Task Install_ExistingConfiguration_IsKept()
    {
        using var root = new ScratchRoot();
        Directory.CreateDirectory(root["/etc/nodeagent"]);
        const string Local = "{ \"NodeAgent\": { \"Dicom\": { \"AeTitle\": \"LOCAL\" } } }\n";
        File.WriteAllText(root["/etc/nodeagent/appsettings.json"], Local);

        var install = await InstallAsync(root);

        Assert.That(install.ExitCode, Is.Zero, install.StdErr);
        Assert.That(File.ReadAllText(root["/etc/nodeagent/appsettings.json"]), Is.EqualTo(Local));
        Assert.That(install.StdOut, Does.Contain("kept the existing"));
    }

    [Test]
    public async Task Install_PortBelow1024ThenAbove_AddsThenRemovesTheCapabilityDropIn()
    {
        using var root = new ScratchRoot();
        const string DropIn = "/etc/systemd/system/nodeagent.service.d/low-port.conf";

        var low = await InstallAsync(root, "--port", "104");
        Assert.That(low.ExitCode, Is.Zero, low.StdErr);
        Assert.That(File.ReadAllText(root[DropIn]), Is.EqualTo(File.ReadAllText(InstallerTools.Linux("low-port.conf"))));

        // The stand-in agent reports no configured port, so --port decides (the real one: PackageTests).
        var high = await InstallAsync(root, "--port", "11112");
        Assert.That(high.ExitCode, Is.Zero, high.StdErr);
        Assert.That(root.Exists(DropIn), Is.False);
        Assert.That(root.Exists("/etc/systemd/system/nodeagent.service.d"), Is.False);
    }

    [Test]
    public async Task Install_Upgrade_ReplacesTheApplicationAndKeepsTheData()
    {
        using var root = new ScratchRoot();
        Assert.That((await InstallAsync(root)).ExitCode, Is.Zero);
        File.WriteAllText(root["/opt/nodeagent/stale.dll"], "from the previous version");
        File.WriteAllText(root["/var/lib/nodeagent/received"], "spooled");

        var upgrade = await InstallAsync(root);

        Assert.That(upgrade.ExitCode, Is.Zero, upgrade.StdErr);
        Assert.That(root.Exists("/opt/nodeagent/stale.dll"), Is.False);
        Assert.That(root.Exists("/opt/nodeagent.old") || root.Exists("/opt/nodeagent.new"), Is.False);
        Assert.That(File.ReadAllText(root["/var/lib/nodeagent/received"]), Is.EqualTo("spooled"));
    }

    [TestCase("--port", "0")]
    [TestCase("--port", "70000")]
    [TestCase("--bind", "0.0.0.0; rm -rf /")]
    [TestCase("--unknown", "x")]
    public async Task Install_BadArgument_FailsBeforeInstallingAnything(string option, string value)
    {
        using var root = new ScratchRoot();

        var install = await InstallAsync(root, option, value);

        Assert.That(install.ExitCode, Is.Not.Zero);
        Assert.That(install.StdErr, Does.Contain(option));
        Assert.That(Directory.EnumerateFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task Uninstall_WithoutPurge_KeepsConfigurationAndData()
    {
        using var root = new ScratchRoot();
        Assert.That((await InstallAsync(root, "--port", "104")).ExitCode, Is.Zero);
        File.WriteAllText(root["/var/lib/nodeagent/received"], "spooled");

        var uninstall = await InstallerTools.RunScriptAsync("uninstall.sh", "--root", root.Path);

        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.StdErr);
        Assert.Multiple(() =>
        {
            Assert.That(root.Exists("/opt/nodeagent"), Is.False);
            Assert.That(root.Exists("/etc/systemd/system/nodeagent.service"), Is.False);
            Assert.That(root.Exists("/etc/systemd/system/nodeagent.service.d"), Is.False);
            Assert.That(root.Exists("/etc/systemd/system/multi-user.target.wants/nodeagent.service"), Is.False);
            Assert.That(root.Exists("/etc/nodeagent/appsettings.json"), Is.True);
            Assert.That(File.ReadAllText(root["/var/lib/nodeagent/received"]), Is.EqualTo("spooled"));
        });
    }

    [Test]
    public async Task Uninstall_Purge_DeletesConfigurationDataAndUser()
    {
        using var root = new ScratchRoot();
        Assert.That((await InstallAsync(root)).ExitCode, Is.Zero);

        var uninstall = await InstallerTools.RunScriptAsync("uninstall.sh", "--purge", "--root", root.Path);

        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.StdErr);
        Assert.That(root.Exists("/etc/nodeagent"), Is.False);
        Assert.That(root.Exists("/var/lib/nodeagent"), Is.False);
        if (Environment.IsPrivilegedProcess)
        {
            Assert.That(root.PasswdEntry("nodeagent"), Is.Null);
            Assert.That(root.HasGroup("nodeagent"), Is.False);
        }
    }

    private Task<ProcessResult> InstallAsync(ScratchRoot root, params string[] options) =>
        InstallerTools.RunScriptAsync("install.sh", ["--root", root.Path, "--publish-dir", _publish, .. options]);
}
