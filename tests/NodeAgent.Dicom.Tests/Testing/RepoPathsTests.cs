using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Testing;

[TestFixture]
public sealed class RepoPathsTests
{
    [Test]
    public void RepoRoot_FromTestAssembly_HoldsTheSolution()
    {
        Assert.That(Path.Combine(RepoPaths.RepoRoot, "NodeAgent.sln"), Does.Exist);
    }

    [Test]
    public void SharedDirectory_IsBesideTheRepository()
    {
        Assert.That(Path.GetDirectoryName(RepoPaths.SharedDirectory), Is.EqualTo(Path.GetDirectoryName(RepoPaths.RepoRoot)));
        Assert.That(Path.GetFileName(RepoPaths.SharedDirectory), Is.EqualTo("shared"));
    }

    [Test]
    public void RequireSample_ExistingSample_ReturnsItsFullPath()
    {
        var path = RepoPaths.RequireSample("pydicom/CT_small.dcm");

        Assert.That(path, Does.Exist);
        Assert.That(path, Does.StartWith(RepoPaths.SamplesDirectory));
    }

    [Test]
    public void RequireSample_MissingSample_SkipsOrFailsUnderCi()
    {
        var expected = Peers.IsCi ? typeof(AssertionException) : typeof(IgnoreException);

        var exception = Assert.Throws(expected, () => RepoPaths.RequireSample("pydicom/no-such-file.dcm"));

        Assert.That(exception!.Message, Does.Contain("no-such-file.dcm"));
    }
}
