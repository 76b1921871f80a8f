using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Testing;

[TestFixture]
public sealed class TempDirectoryTests
{
    [Test]
    public void Dispose_DirectoryWithNestedContent_DeletesEverything()
    {
        string path;
        using (var temp = new TempDirectory("tempdir"))
        {
            path = temp.Path;
            Directory.CreateDirectory(temp.Combine("a", "b"));
            File.WriteAllText(temp.Combine("a", "b", "c.txt"), "c");
            File.SetAttributes(temp.Combine("a", "b", "c.txt"), FileAttributes.ReadOnly);
            Assert.That(Path.GetDirectoryName(path), Is.EqualTo(Path.GetFullPath(Path.GetTempPath()).TrimEnd(Path.DirectorySeparatorChar)));
            Assert.That(Path.GetFileName(path), Does.StartWith("nodeagent-tempdir-"));
        }

        Assert.That(Directory.Exists(path), Is.False);
    }

    [Test]
    public void Dispose_Twice_DoesNotThrow()
    {
        var temp = new TempDirectory();
        temp.Dispose();

        Assert.That(temp.Dispose, Throws.Nothing);
    }

    [Test]
    public void Constructor_TwoDirectories_AreDistinctAndEmpty()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        Assert.That(first.Path, Is.Not.EqualTo(second.Path));
        Assert.That(Directory.EnumerateFileSystemEntries(first.Path), Is.Empty);
    }
}
