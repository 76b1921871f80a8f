using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using NUnit.Framework;

namespace NodeAgent.Testing;

/// <summary>
/// Finds the real peers the interop tests talk to (DCMTK, dicom3tools, Orthanc, pydicom; see DESIGN.md).
/// On a developer machine a missing peer skips the test with the reason and the package to install;
/// under CI (<c>CI=true</c>) it fails the test, so a broken CI image cannot pass by skipping.
/// </summary>
public static class Peers
{
    /// <summary>Debian's interpreter: pydicom is installed for it, not for a pyenv or venv python3 earlier on PATH.</summary>
    public const string SystemPython = "/usr/bin/python3";

    // Debian installs some servers (Orthanc) in sbin, which is not on a non-root user's PATH.
    private static readonly string[] ExtraSearchDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    private static readonly Dictionary<string, string> PackageOfTool = new(StringComparer.Ordinal)
    {
        ["dcmdump"] = "dcmtk",
        ["storescu"] = "dcmtk",
        ["storescp"] = "dcmtk",
        ["echoscu"] = "dcmtk",
        ["findscu"] = "dcmtk",
        ["dcmconv"] = "dcmtk",
        ["dcmodify"] = "dcmtk",
        ["dciodvfy"] = "dicom3tools",
        ["Orthanc"] = "orthanc",
        ["fincore"] = "util-linux",
    };

    private static readonly ConcurrentDictionary<string, string?> FoundTools = new(StringComparer.Ordinal);

    private static readonly Lazy<string?> PydicomProblem = new(FindPydicomProblem);

    /// <summary>True when the environment variable CI is <c>true</c> or <c>1</c> (any case), as CI services set it.</summary>
    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci &&
        (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>
    /// Returns the full path of an executable found on PATH (or in sbin), for example <c>Peers.Require("dcmdump")</c>.
    /// When it is missing, ignores the test (fails it under CI) with the Debian package that provides it.
    /// </summary>
    public static string Require(string tool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        var path = Find(tool);
        if (path is null)
        {
            var package = PackageOfTool.GetValueOrDefault(tool);
            var install = package is null ? "" : $" Install it with: sudo apt-get install {package}.";
            Unavailable($"The peer '{tool}' is not on PATH.{install}");
        }

        return path;
    }

    /// <summary>
    /// Returns <see cref="SystemPython"/> when it can <c>import pydicom</c>; otherwise ignores the test
    /// (fails it under CI). The check runs once per test run.
    /// </summary>
    public static string RequirePydicom()
    {
        if (PydicomProblem.Value is { } problem)
        {
            Unavailable($"{problem} Install it with: sudo apt-get install python3-pydicom.");
        }

        return SystemPython;
    }

    /// <summary>Returns the full path of an executable on PATH (or in sbin), or null; the answer is cached.</summary>
    public static string? Find(string tool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        return FoundTools.GetOrAdd(tool, Search);
    }

    /// <summary>
    /// Stops the current test because something it needs is missing: <see cref="Assert.Ignore(string)"/>
    /// on a developer machine, <see cref="Assert.Fail(string)"/> under CI.
    /// </summary>
    [DoesNotReturn]
    public static void Unavailable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsCi)
        {
            Assert.Fail($"{reason} (CI=true: a missing peer or fixture is a failure, not a skip.)");
        }

        Assert.Ignore($"{reason} (Skipped outside CI; with CI=true this fails.)");
        throw new UnreachableException();
    }

    private static string? Search(string tool)
    {
        var pathVariable = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(OperatingSystem.IsWindows() ? [] : ExtraSearchDirectories);
        var names = OperatingSystem.IsWindows() ? new[] { tool + ".exe", tool } : [tool];
        foreach (var directory in directories)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (IsExecutableFile(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static string? FindPydicomProblem()
    {
        if (!File.Exists(SystemPython))
        {
            return $"{SystemPython} does not exist, so pydicom cannot be used.";
        }

        try
        {
            // Task.Run: the check runs at most once and may be reached from a synchronous test.
            var result = Task.Run(() => ProcessRunner.RunAsync(
                SystemPython, ["-c", "import pydicom"], TimeSpan.FromSeconds(60))).GetAwaiter().GetResult();
            return result.ExitCode == 0
                ? null
                : $"{SystemPython} cannot import pydicom (exit code {result.ExitCode}): {result.StdErr.Trim()}";
        }
        catch (TimeoutException exception)
        {
            return exception.Message;
        }
    }
}
