using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Testing;

[TestFixture]
public sealed class PeersTests
{
    [Test]
    [Platform("Linux,MacOsX")]
    public void Find_ToolOnPath_ReturnsAnExecutablePath()
    {
        var sh = Peers.Find("sh");

        Assert.That(sh, Is.Not.Null.And.EndsWith("/sh"));
        Assert.That(sh, Does.Exist);
    }

    [Test]
    public void Require_MissingTool_SkipsOrFailsUnderCiWithTheReason()
    {
        var expected = Peers.IsCi ? typeof(AssertionException) : typeof(IgnoreException);

        var exception = Assert.Throws(expected, () => Peers.Require("nodeagent-no-such-tool"));

        Assert.That(exception!.Message, Does.Contain("nodeagent-no-such-tool").And.Contain("CI=true"));
    }

    [Test, Category("Interop")]
    public void Require_Dcmdump_NamesThePackageWhenMissing()
    {
        // On a machine with DCMTK this returns the path; without it, the skip reason names the package.
        var path = Peers.Require("dcmdump");

        Assert.That(Path.GetFileName(path), Is.EqualTo("dcmdump"));
    }

    [Test, Category("Interop")]
    public async Task RequirePydicom_SystemPython_ImportsPydicom()
    {
        var python = Peers.RequirePydicom();

        var result = await ProcessRunner.RunAsync(python, ["-c", "import pydicom; print(pydicom.__name__)"], TimeSpan.FromSeconds(60));

        Assert.That(result.StdOut.Trim(), Is.EqualTo("pydicom"));
    }
}
