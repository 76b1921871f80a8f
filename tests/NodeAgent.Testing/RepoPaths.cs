namespace NodeAgent.Testing;

/// <summary>
/// Where the repository and the shared fixtures are. The shared folder (DICOM samples, the standard's tables)
/// sits beside the repository, as <c>../shared</c> from its root, both on developer machines and in CI.
/// </summary>
public static class RepoPaths
{
    private const string SolutionFileName = "NodeAgent.sln";

    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder holding NodeAgent.sln, found by walking up from the test assembly's folder.</summary>
    /// <exception cref="InvalidOperationException">The tests do not run from inside a checkout.</exception>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder beside the repository (<c>RepoRoot/../shared</c>); it may not exist.</summary>
    public static string SharedDirectory => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>Real DICOM files written by other software (<c>shared/dicom-samples</c>).</summary>
    public static string SamplesDirectory => Path.Combine(SharedDirectory, "dicom-samples");

    /// <summary>Tables taken from the DICOM standard and DCMTK's dictionary (<c>shared/dicom-standard</c>).</summary>
    public static string StandardDirectory => Path.Combine(SharedDirectory, "dicom-standard");

    /// <summary>
    /// Returns <see cref="SharedDirectory"/> when it exists. Otherwise ignores the current test with the reason,
    /// or fails it when running under CI (<see cref="Peers.IsCi"/>), where the shared folder must be present.
    /// </summary>
    public static string RequireShared()
    {
        var shared = SharedDirectory;
        if (!Directory.Exists(shared))
        {
            Peers.Unavailable(
                $"The shared fixtures folder '{shared}' does not exist. It is expected beside the repository " +
                $"(../shared from '{RepoRoot}') and holds the DICOM samples and the standard's tables.");
        }

        return shared;
    }

    /// <summary>
    /// Returns the full path of a sample file, given relative to <see cref="SamplesDirectory"/>
    /// (for example <c>pydicom/CT_small.dcm</c>); ignores or fails the test like <see cref="RequireShared"/>
    /// when the file is missing.
    /// </summary>
    public static string RequireSample(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        RequireShared();
        var path = Path.GetFullPath(Path.Combine(SamplesDirectory, relativePath));
        if (!File.Exists(path))
        {
            Peers.Unavailable($"The sample file '{path}' does not exist in the shared fixtures.");
        }

        return path;
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above '{AppContext.BaseDirectory}' holds {SolutionFileName}; the tests must run from a checkout of the repository.");
    }
}
