using System.Diagnostics;
using System.Runtime.Versioning;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Tests.Installer;

/// <summary>The installer files in the checkout, and the system programs their tests run.</summary>
internal static class InstallerTools
{
    public static string LinuxDirectory => Path.Combine(RepoPaths.RepoRoot, "installer", "linux");

    public static string WindowsDirectory => Path.Combine(RepoPaths.RepoRoot, "installer", "windows");

    public static string Linux(string name) => Path.Combine(LinuxDirectory, name);

    public static string Windows(string name) => Path.Combine(WindowsDirectory, name);

    /// <summary>Like <see cref="Peers.Require"/>, naming the Debian package to install (.ci/run installs it).</summary>
    public static string Require(string tool, string package)
    {
        if (Peers.Find(tool) is { } path)
        {
            return path;
        }

        Peers.Unavailable($"'{tool}' is not on PATH. Install it with: sudo apt-get install {package}.");
        return tool;
    }

    /// <summary>
    /// Ignores the test unless it runs as root: useradd --prefix and dpkg --root write a passwd file and set owners,
    /// which only root may do, even in a scratch directory. CI runs as root; a developer can run these with sudo.
    /// </summary>
    public static void RequireRoot()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("Needs root: creating the service user and setting file owners, even under a scratch root, is root's.");
        }
    }

    /// <summary>Runs a script of installer/linux with bash and returns the result (a non-zero exit is not thrown).</summary>
    public static Task<ProcessResult> RunScriptAsync(string script, params string[] arguments) =>
        ProcessRunner.RunAsync(Require("bash", "bash"), [Linux(script), .. arguments], TimeSpan.FromMinutes(2));

    /// <summary>The dotnet host that runs the tests, so a publish uses the same SDK.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Require("dotnet", "dotnet-sdk-10.0");

    /// <summary>
    /// <c>dotnet publish</c> of src/NodeAgent in Release for <paramref name="runtime"/>, building in
    /// <paramref name="artifacts"/> so the checkout's bin and obj folders are neither touched nor raced.
    /// </summary>
    public static async Task PublishAsync(string runtime, bool selfContained, string output, string artifacts)
    {
        var stopwatch = Stopwatch.StartNew();
        var publish = await ProcessRunner.RunAsync(
            Dotnet,
            ["publish", Path.Combine(RepoPaths.RepoRoot, "src", "NodeAgent", "NodeAgent.csproj"), "-c", "Release", "-r", runtime,
             selfContained ? "--self-contained" : "--no-self-contained", "-p:PublishDocumentationFiles=false",
             "-p:UseSharedCompilation=false", "--artifacts-path", artifacts, "-o", output, "--nologo"],
            TimeSpan.FromMinutes(8),
            env: new Dictionary<string, string>
            {
                // No MSBuild node or compiler server may outlive the test run.
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            });
        Assert.That(publish.ExitCode, Is.Zero, publish.StdOut + publish.StdErr);
        TestContext.Progress.WriteLine($"Installer tests: dotnet publish -r {runtime} took {stopwatch.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>A stand-in for a publish folder: an executable nodeagent that does nothing, for the fast tests.</summary>
    [UnsupportedOSPlatform("windows")]
    public static string CreateFakePublish(TempDirectory directory)
    {
        var publish = directory.Combine("publish");
        Directory.CreateDirectory(publish);
        var executable = Path.Combine(publish, "nodeagent");
        File.WriteAllText(executable, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.WriteAllText(Path.Combine(publish, "appsettings.json"), "{}\n");
        return publish;
    }
}
