using System.Globalization;
using System.Runtime.Versioning;
using NodeAgent.Testing;

namespace NodeAgent.Tests.Installer;

/// <summary>
/// A scratch directory standing in for a machine's <c>/</c>: install.sh --root, uninstall.sh --root and
/// dpkg --root install into it, and the tests look at what landed where. Deleted on dispose.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ScratchRoot : IDisposable
{
    private static readonly string[] HostUnitDirectories = ["/usr/lib/systemd/system", "/lib/systemd/system"];

    private readonly TempDirectory _directory = new("installer-root");

    public string Path => _directory.Path;

    /// <summary>The path inside the root for an absolute machine path such as <c>/etc/nodeagent</c>.</summary>
    public string this[string machinePath] => System.IO.Path.Combine(Path, machinePath.TrimStart('/'));

    public bool Exists(string machinePath) => File.Exists(this[machinePath]) || Directory.Exists(this[machinePath]);

    public UnixFileMode Mode(string machinePath) => File.GetUnixFileMode(this[machinePath]);

    /// <summary>The numeric owner and group of a path, as <c>uid:gid</c>.</summary>
    public async Task<string> OwnerAsync(string machinePath)
    {
        var stat = await ProcessRunner.RunAsync(InstallerTools.Require("stat", "coreutils"), ["-c", "%u:%g", this[machinePath]], TimeSpan.FromSeconds(30));
        return stat.EnsureSuccess().StdOut.Trim();
    }

    /// <summary>The fields of an account in the root's /etc/passwd, or null when it has none.</summary>
    public string[]? PasswdEntry(string user)
    {
        var passwd = this["/etc/passwd"];
        return File.Exists(passwd)
            ? File.ReadAllLines(passwd).Select(line => line.Split(':')).FirstOrDefault(fields => fields[0] == user)
            : null;
    }

    /// <summary>True when the root's /etc/group has the group.</summary>
    public bool HasGroup(string group)
    {
        var groups = this["/etc/group"];
        return File.Exists(groups) && File.ReadAllLines(groups).Any(line => line.StartsWith(group + ":", StringComparison.Ordinal));
    }

    /// <summary><c>uid:gid</c> of an account in the root's /etc/passwd.</summary>
    public string Ids(string user)
    {
        var entry = PasswdEntry(user) ?? throw new InvalidOperationException($"{Path}/etc/passwd has no {user}.");
        return string.Create(CultureInfo.InvariantCulture, $"{entry[2]}:{entry[3]}");
    }

    /// <summary>
    /// Copies the machine's own systemd units (targets such as sysinit.target) into the root, so that
    /// <c>systemd-analyze verify --root</c> can resolve the dependencies every service has.
    /// </summary>
    public async Task AddHostSystemdUnitsAsync()
    {
        var host = HostUnitDirectories.FirstOrDefault(directory => File.Exists(System.IO.Path.Combine(directory, "sysinit.target")));
        if (host is null)
        {
            Peers.Unavailable("The machine has no systemd units (sysinit.target). Install them with: sudo apt-get install systemd.");
        }

        var target = this["/usr/lib/systemd"];
        Directory.CreateDirectory(target);
        // cp -a keeps the units' symlinks (aliases, masks) as they are.
        var copy = await ProcessRunner.RunAsync(InstallerTools.Require("cp", "coreutils"), ["-a", host, target], TimeSpan.FromMinutes(1));
        copy.EnsureSuccess();
    }

    /// <summary>A dpkg database (empty when new), so <c>dpkg --root</c> can install into the root.</summary>
    public void EnsureDpkgDatabase()
    {
        foreach (var directory in new[] { "info", "updates", "triggers" })
        {
            Directory.CreateDirectory(this["/var/lib/dpkg/" + directory]);
        }

        if (!File.Exists(this["/var/lib/dpkg/status"]))
        {
            File.WriteAllText(this["/var/lib/dpkg/status"], "");
        }
    }

    public void Dispose() => _directory.Dispose();
}
