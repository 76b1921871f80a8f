using System.Security.Cryptography;
using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Storage;
using NodeAgent.Core.Tests.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>One instance through the real pipeline: stored pseudonymised, hashed, indexed; duplicates; resume.</summary>
[TestFixture]
public sealed class IngestPipelineTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory("pipeline");

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task ProcessAsync_SampleCt_StoredUnderPseudonymisedUidsAndIndexedWithItsHash()
    {
        var sample = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var original = DicomFile.Open(sample).Dataset;
        await using var harness = new PipelineHarness(_directory);
        var spooled = harness.SpoolFile(sample);

        var outcome = await harness.Pipeline.ProcessAsync(spooled);

        Assert.That(outcome, Is.EqualTo(ProcessOutcome.Stored), harness.Logger.Dump);
        Assert.That(harness.SpoolFiles(), Is.Empty);
        var indexed = harness.Indexed(original.GetString(DicomTags.SOPInstanceUID)!).Entry;
        var expectedPath = InstanceStore.RelativePathOf(
            harness.Pseudonyms.Uid(original.GetString(DicomTags.StudyInstanceUID)!),
            harness.Pseudonyms.Uid(original.GetString(DicomTags.SeriesInstanceUID)!),
            harness.Pseudonyms.Uid(original.GetString(DicomTags.SOPInstanceUID)!));
        Assert.That(indexed.StoredPath, Is.EqualTo(expectedPath));
        Assert.That(harness.StoredFiles(), Is.EqualTo(new[] { expectedPath }));

        var full = harness.Store.FullPathOf(indexed.StoredPath);
        var bytes = await File.ReadAllBytesAsync(full);
        Assert.That(indexed.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.That(indexed.Size, Is.EqualTo(bytes.Length));

        var stored = DicomFile.Open(full);
        Assert.That(stored.TransferSyntax, Is.EqualTo(TransferSyntax.ExplicitVRLittleEndian));
        Assert.That(stored.Dataset.GetString(DicomTags.SpecificCharacterSet), Is.EqualTo("ISO_IR 192"));
        var pseudonym = harness.Pseudonyms.PatientPseudonym(original.GetString(DicomTags.IssuerOfPatientID), original.GetString(DicomTags.PatientID)!);
        Assert.That(stored.Dataset.GetString(DicomTags.PatientID), Is.EqualTo(pseudonym));
        Assert.That(indexed.PatientId, Is.EqualTo(pseudonym));
        Assert.That(stored.Dataset.GetString(DicomTags.SOPInstanceUID), Is.Not.EqualTo(original.GetString(DicomTags.SOPInstanceUID)));
        Assert.That(stored.Dataset.GetString(DicomTags.PatientIdentityRemoved), Is.EqualTo("YES"));
        Assert.That(stored.Dataset.GetBytes(DicomTags.PixelData).ToArray(), Is.EqualTo(original.GetBytes(DicomTags.PixelData).ToArray()));
        Assert.That(harness.Index.Counts.Instances, Is.EqualTo(1));
    }

    [TestCase("pydicom/MR_small_jp2klossless.dcm")]
    [TestCase("pydicom/SC_rgb_rle_2frame.dcm")]
    public async Task ProcessAsync_CompressedSample_KeepsItsTransferSyntax(string sample)
    {
        var path = RepoPaths.RequireSample(sample);
        var syntax = DicomFile.Open(path).TransferSyntax;
        await using var harness = new PipelineHarness(_directory);

        var outcome = await harness.Pipeline.ProcessAsync(harness.SpoolFile(path));

        Assert.That(outcome, Is.EqualTo(ProcessOutcome.Stored));
        var stored = DicomFile.Open(harness.Store.FullPathOf(harness.StoredFiles().Single()));
        Assert.That(stored.TransferSyntax, Is.EqualTo(syntax));
        Assert.That(stored.Dataset[DicomTags.PixelData], Is.InstanceOf<DicomFragmentSequence>());
    }

    [TestCase("pydicom/MR_small_bigendian.dcm")]
    [TestCase("pydicom/MR_small_implicit.dcm")]
    [TestCase("pydicom/image_dfl.dcm")]
    public async Task ProcessAsync_NativeSample_StoredExplicitLittleWithTheSamePixels(string sample)
    {
        var path = RepoPaths.RequireSample(sample);
        var original = DicomFile.Open(path).Dataset.GetBytes(DicomTags.PixelData).ToArray();
        await using var harness = new PipelineHarness(_directory);

        Assert.That(await harness.Pipeline.ProcessAsync(harness.SpoolFile(path)), Is.EqualTo(ProcessOutcome.Stored));

        var stored = DicomFile.Open(harness.Store.FullPathOf(harness.StoredFiles().Single()));
        Assert.That(stored.TransferSyntax, Is.EqualTo(TransferSyntax.ExplicitVRLittleEndian));
        Assert.That(stored.Dataset.GetBytes(DicomTags.PixelData).ToArray(), Is.EqualTo(original));
    }

    [Test]
    public async Task ProcessAsync_SameInstanceTwiceWithReplace_StoredOnceWithTheResend()
    {
        await using var harness = new PipelineHarness(_directory);
        var first = SyntheticInstances.Ct();
        var resend = SyntheticInstances.Ct();
        resend.AddOrUpdate(DicomTags.SeriesDescription, DicomVR.LO, "RESENT");

        Assert.That(await harness.Pipeline.ProcessAsync(harness.SpoolDataset(first)), Is.EqualTo(ProcessOutcome.Stored));
        Assert.That(await harness.Pipeline.ProcessAsync(harness.SpoolDataset(resend)), Is.EqualTo(ProcessOutcome.Stored));

        Assert.That(harness.Index.Counts.Instances, Is.EqualTo(1));
        var stored = harness.StoredFiles();
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(DicomFile.Open(harness.Store.FullPathOf(stored[0])).Dataset.GetString(DicomTags.SeriesDescription), Is.EqualTo("RESENT"));
        Assert.That(harness.Indexed(DeidentificationFixtures.InstanceUid).Entry.Sha256,
            Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(harness.Store.FullPathOf(stored[0]))))));
        Assert.That(harness.SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task ProcessAsync_ResendWithAnotherSeries_OldFileDeleted()
    {
        await using var harness = new PipelineHarness(_directory);
        var resend = SyntheticInstances.Ct();
        resend.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.9.7731.1.9");

        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(resend));

        var stored = harness.StoredFiles();
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(stored[0], Does.Contain(harness.Pseudonyms.Uid("1.2.826.0.1.3680043.9.7731.1.9")));
        Assert.That(harness.Index.Counts, Is.EqualTo(new Core.Index.IndexCounts(1, 1, 1, 1)));
    }

    [Test]
    public async Task ProcessAsync_SameInstanceTwiceWithKeepFirst_SecondDroppedAsDuplicate()
    {
        await using var harness = new PipelineHarness(_directory, new PipelineOptions { DuplicatePolicy = DuplicatePolicy.KeepFirst });
        var resend = SyntheticInstances.Ct();
        resend.AddOrUpdate(DicomTags.SeriesDescription, DicomVR.LO, "RESENT");
        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
        var firstHash = harness.Indexed(DeidentificationFixtures.InstanceUid).Entry.Sha256;

        var outcome = await harness.Pipeline.ProcessAsync(harness.SpoolDataset(resend));

        Assert.That(outcome, Is.EqualTo(ProcessOutcome.Duplicate));
        Assert.That(harness.SpoolFiles(), Is.Empty);
        Assert.That(harness.StoredFiles(), Has.Count.EqualTo(1));
        Assert.That(harness.Indexed(DeidentificationFixtures.InstanceUid).Entry.Sha256, Is.EqualTo(firstHash));
        Assert.That(DicomFile.Open(harness.Store.FullPathOf(harness.StoredFiles()[0])).Dataset.GetString(DicomTags.SeriesDescription),
            Is.Not.EqualTo("RESENT"));
    }

    [Test]
    public async Task ProcessAsync_CrashAfterStoreBeforeSpoolDelete_NoSecondInstanceOnResume()
    {
        await using var harness = new PipelineHarness(_directory);
        var dataset = SyntheticInstances.Ct();
        var spooled = harness.SpoolDataset(dataset);
        var copy = _directory.Combine("copy.dcm");
        File.Copy(spooled, copy);
        Assert.That(await harness.Pipeline.ProcessAsync(spooled), Is.EqualTo(ProcessOutcome.Stored));
        // The crash: the spool file was never deleted, and a temporary of a second store attempt was left behind.
        File.Copy(copy, spooled);
        var seriesDirectory = Path.GetDirectoryName(harness.Store.FullPathOf(harness.StoredFiles()[0]))!;
        File.WriteAllBytes(Path.Combine(seriesDirectory, ".x.0123" + InstanceStore.TemporaryExtension), [1, 2, 3]);

        Assert.That(harness.Pipeline.ResumeSpool(), Is.EqualTo(1));
        Assert.That(await harness.Pipeline.ProcessAsync(spooled), Is.EqualTo(ProcessOutcome.Stored));

        Assert.That(harness.Index.Counts.Instances, Is.EqualTo(1));
        var stored = harness.StoredFiles();
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(harness.Indexed(DeidentificationFixtures.InstanceUid).Entry.Sha256,
            Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(harness.Store.FullPathOf(stored[0]))))));
    }

    [Test]
    public async Task ProcessAsync_StoreUnwritable_TransientAndLeftInTheSpoolThenStored()
    {
        await using var harness = new PipelineHarness(_directory);
        // A file where the study directory must go: creating the directory fails with an IOException.
        var blocker = Path.Combine(harness.Store.Root, harness.Pseudonyms.Uid(DeidentificationFixtures.StudyUid));
        File.WriteAllBytes(blocker, [0]);
        var spooled = harness.SpoolDataset(SyntheticInstances.Ct());

        Assert.That(await harness.Pipeline.ProcessAsync(spooled), Is.EqualTo(ProcessOutcome.Transient));
        Assert.That(File.Exists(spooled), Is.True);
        Assert.That(harness.Quarantine.List(), Is.Empty);

        File.Delete(blocker);
        Assert.That(await harness.Pipeline.ProcessAsync(spooled), Is.EqualTo(ProcessOutcome.Stored));
        Assert.That(harness.Index.Counts.Instances, Is.EqualTo(1));
    }

    [Test]
    public async Task ProcessAsync_OddPixelLengthWithPadByte_Stored()
    {
        await using var harness = new PipelineHarness(_directory);
        var dataset = SyntheticInstances.Ct(rows: 3, columns: 3, bitsAllocated: 8, pixelBytes: 10);

        Assert.That(await harness.Pipeline.ProcessAsync(harness.SpoolDataset(dataset)), Is.EqualTo(ProcessOutcome.Stored));
    }

    [Test]
    public async Task ProcessAsync_PatientIdInStoredFile_EqualsThePseudonymForTheIssuerAndId()
    {
        await using var harness = new PipelineHarness(_directory);

        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));

        var stored = DicomFile.Open(harness.Store.FullPathOf(harness.StoredFiles()[0])).Dataset;
        var expected = new Core.Deidentification.Pseudonyms(harness.Secret.Bytes, PipelineHarness.SitePrefix)
            .PatientPseudonym(DeidentificationFixtures.Issuer, DeidentificationFixtures.PatientId);
        Assert.That(stored.GetString(DicomTags.PatientID), Is.EqualTo(expected));
        Assert.That(stored.GetString(DicomTags.PatientName), Is.EqualTo(expected));
    }
}
