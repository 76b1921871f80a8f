using System.Security.Cryptography;
using NodeAgent.Core.Storage;
using NodeAgent.Core.Tests.Pipeline;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Storage;

/// <summary>The store writes whole files only, with the hash of exactly what is on disk, and shares directory fsyncs.</summary>
[TestFixture]
public sealed class InstanceStoreTests
{
    [Test]
    public async Task Write_ManyInstancesOfOneSeriesWithDeferredFlush_AllDurableAndHashed()
    {
        using var directory = new TempDirectory("store");
        var store = new InstanceStore(directory.Path);
        var written = new List<StoredInstance>();
        for (var i = 0; i < 20; i++)
        {
            written.Add(store.Write(SyntheticInstances.Ct(instanceUid: $"1.2.3.4.{i}"), TransferSyntax.ExplicitVRLittleEndian, flushDirectory: false));
        }

        await Task.WhenAll(written.Select(store.FlushDirectoryAsync));

        foreach (var stored in written)
        {
            Assert.That(stored.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(stored.FullPath)))));
            Assert.That(stored.Size, Is.EqualTo(new FileInfo(stored.FullPath).Length));
            Assert.That(store.FullPathOf(stored.RelativePath), Is.EqualTo(stored.FullPath));
        }

        Assert.That(store.EnumerateFiles().Count(), Is.EqualTo(20));
        Assert.That(Directory.EnumerateFiles(store.Root, "*" + InstanceStore.TemporaryExtension, SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void FlushDirectoryAsync_DirectoryGone_Faults()
    {
        using var directory = new TempDirectory("store");
        var store = new InstanceStore(directory.Path);
        var stored = store.Write(SyntheticInstances.Ct(), TransferSyntax.ExplicitVRLittleEndian, flushDirectory: false);
        Directory.Delete(Path.GetDirectoryName(stored.FullPath)!, recursive: true);

        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Directory fsync is a no-op on Windows.");
            return;
        }

        Assert.ThrowsAsync<IOException>(() => store.FlushDirectoryAsync(stored));
    }

    [TestCase("1.2.3/../../etc")]
    [TestCase("")]
    [TestCase("1.2.x")]
    public void RelativePathOf_NotAUid_Refused(string uid) =>
        Assert.Throws<ArgumentException>(() => InstanceStore.RelativePathOf("1.2.3", "1.2.3.4", uid));
}
