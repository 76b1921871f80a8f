using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Text;

/// <summary>Finds sample files in the shared folder next to the repository (../shared from the solution root).</summary>
internal static class SharedSamples
{
    /// <summary>
    /// The folder under ../shared; ignores the test when it is absent, except on CI (CI=true) where a missing
    /// folder must fail rather than silently skip.
    /// </summary>
    public static string RequireDirectory(string relativePath)
    {
        var root = FindSolutionRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", relativePath));
        if (path is not null && Directory.Exists(path))
        {
            return path;
        }

        var reason = $"Shared sample folder '{path ?? "../shared/" + relativePath}' not found "
            + "(expected next to the folder holding NodeAgent.sln).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
        return string.Empty;
    }

    private static string? FindSolutionRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NodeAgent.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
