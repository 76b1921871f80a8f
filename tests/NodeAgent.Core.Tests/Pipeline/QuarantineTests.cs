using System.Buffers.Binary;
using System.Text.Json;
using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Tests.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>Each validation failure quarantines the spool file with a reason file that names no patient value.</summary>
[TestFixture]
public sealed class QuarantineTests
{
    private const string MrImageStorage = "1.2.840.10008.5.1.4.1.1.4";

    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory("quarantine");

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task ProcessAsync_NotDicom_QuarantinedAsUnparseable()
    {
        await using var harness = new PipelineHarness(_directory);
        var bytes = new byte[200];
        "DICM"u8.CopyTo(bytes.AsSpan(128));
        bytes.AsSpan(132).Fill(0xEE);

        await AssertQuarantinedAsync(harness, harness.SpoolBytes(bytes), QuarantineCodes.Unparseable);
    }

    [Test]
    public async Task ProcessAsync_NoSopInstanceUid_Quarantined()
    {
        await using var harness = new PipelineHarness(_directory);
        var dataset = SyntheticInstances.Ct();
        dataset.Remove(DicomTags.SOPInstanceUID);

        await AssertQuarantinedAsync(harness, harness.SpoolDataset(dataset), QuarantineCodes.NoSopInstanceUid);
    }

    [Test]
    public async Task ProcessAsync_SopClassDiffersFromMeta_Quarantined()
    {
        await using var harness = new PipelineHarness(_directory);
        var spooled = harness.SpoolDataset(SyntheticInstances.Ct());
        var original = File.ReadAllBytes(spooled);
        var metaLength = BinaryPrimitives.ReadUInt32LittleEndian(original.AsSpan(132 + 8));
        var body = original.AsSpan(132 + 12 + (int)metaLength).ToArray();
        File.WriteAllBytes(spooled, [.. Part10Header.Encode(MrImageStorage, DeidentificationFixtures.InstanceUid, TransferSyntax.ExplicitVRLittleEndian, "MODALITY1"), .. body]);

        var reason = await AssertQuarantinedAsync(harness, spooled, QuarantineCodes.SopClassMismatch);

        Assert.That(reason.CallingAE, Is.EqualTo("MODALITY1"));
    }

    [Test]
    public async Task ProcessAsync_PixelDataShorterThanRowsColumnsBits_Quarantined()
    {
        await using var harness = new PipelineHarness(_directory);

        var reason = await AssertQuarantinedAsync(harness, harness.SpoolDataset(SyntheticInstances.Ct(pixelBytes: 30)), QuarantineCodes.PixelDataInconsistent);

        Assert.That(reason.Message, Does.Contain("30").And.Contain("32"));
    }

    [Test]
    public async Task ProcessAsync_NoSeriesUid_Quarantined()
    {
        await using var harness = new PipelineHarness(_directory);
        var dataset = SyntheticInstances.Ct();
        dataset.Remove(DicomTags.SeriesInstanceUID);

        await AssertQuarantinedAsync(harness, harness.SpoolDataset(dataset), QuarantineCodes.InvalidUid);
    }

    [Test]
    public async Task Retry_QuarantinedInstance_BackInTheSpoolUnderItsId()
    {
        await using var harness = new PipelineHarness(_directory);
        var spooled = harness.SpoolDataset(SyntheticInstances.Ct(pixelBytes: 30));
        await harness.Pipeline.ProcessAsync(spooled);
        var id = harness.Quarantine.List().Single().Id;

        var back = harness.Quarantine.Retry(id, harness.Spool);

        Assert.That(back, Is.EqualTo(spooled));
        Assert.That(File.Exists(spooled), Is.True);
        Assert.That(harness.Quarantine.List(), Is.Empty);
        Assert.That(Directory.EnumerateFiles(harness.Quarantine.Path), Is.Empty);
        Assert.That(harness.Quarantine.Retry("no-such-id", harness.Spool), Is.Null);
        Assert.Throws<ArgumentException>(() => harness.Quarantine.Retry("../spool/x", harness.Spool));
    }

    [Test]
    public async Task Retry_ReadyFileThatFailed_GoesBackAsAReadyFileAndIsNotPseudonymisedTwice()
    {
        await using var harness = new PipelineHarness(_directory);
        // A ready file damaged on disk: already pseudonymised, so the long way must never take it.
        var key = harness.Pipeline.InstanceKeyOf(DeidentificationFixtures.InstanceUid);
        var damaged = harness.Spool.ReadyPathOf(Core.Spool.SpoolDirectory.NewId(), key);
        await File.WriteAllBytesAsync(damaged, new byte[300]);

        await AssertQuarantinedAsync(harness, damaged, QuarantineCodes.Unparseable);
        var id = harness.Quarantine.List().Single().Id;
        // The operator restores a good copy (here: the instance stored as it would have been), then retries.
        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
        var stored = harness.Store.FullPathOf(harness.StoredFiles().Single());
        File.Copy(stored, harness.Quarantine.FilePath(id), overwrite: true);
        var before = await File.ReadAllBytesAsync(stored);

        var back = harness.Quarantine.Retry(id, harness.Spool);

        Assert.That(back, Does.EndWith(Core.Spool.SpoolDirectory.ReadyExtension));
        Assert.That(await harness.Pipeline.ProcessAsync(back!), Is.EqualTo(ProcessOutcome.Stored), harness.Logger.Dump);
        Assert.That(harness.StoredFiles(), Has.Count.EqualTo(1));
        Assert.That(await File.ReadAllBytesAsync(stored), Is.EqualTo(before), "stored as it was, not pseudonymised again");
    }

    private static async Task<QuarantineReason> AssertQuarantinedAsync(PipelineHarness harness, string spooled, string code)
    {
        var outcome = await harness.Pipeline.ProcessAsync(spooled);

        Assert.That(outcome, Is.EqualTo(ProcessOutcome.Quarantined), harness.Logger.Dump);
        Assert.That(File.Exists(spooled), Is.False);
        var id = Path.GetFileNameWithoutExtension(spooled);
        var entry = harness.Quarantine.List().Single();
        Assert.That(entry.Id, Is.EqualTo(id));
        Assert.That(File.Exists(harness.Quarantine.FilePath(id)), Is.True);
        var json = await File.ReadAllTextAsync(harness.Quarantine.ReasonPath(id));
        using (var document = JsonDocument.Parse(json))
        {
            Assert.That(document.RootElement.GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(document.RootElement.TryGetProperty("time", out _), Is.True);
            Assert.That(document.RootElement.TryGetProperty("callingAE", out _), Is.True);
        }

        Assert.That(json, Does.Not.Contain(DeidentificationFixtures.PatientId)
            .And.Not.Contain(DeidentificationFixtures.InstanceUid)
            .And.Not.Contain(DeidentificationFixtures.FamilyName));
        Assert.That(harness.Index.Counts.Instances, Is.Zero);
        Assert.That(harness.StoredFiles(), Is.Empty);
        return entry.Reason!;
    }
}
