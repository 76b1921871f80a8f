using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Tests.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>A re-send under other UIDs leaves exactly one stored file, even when the agent stopped half-way.</summary>
[TestFixture]
public sealed class ReplacementRecoveryTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory("replacement");

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task Process_ResendInAnotherSeries_OldFileDeletedAndNoRecordLeft()
    {
        await using var harness = new PipelineHarness(_directory);
        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
        var first = harness.StoredFiles().Single();

        Assert.That(await harness.Pipeline.ProcessAsync(harness.SpoolDataset(InAnotherSeries())), Is.EqualTo(ProcessOutcome.Stored));

        Assert.That(harness.StoredFiles(), Has.Count.EqualTo(1));
        Assert.That(harness.StoredFiles().Single(), Is.Not.EqualTo(first));
        Assert.That(harness.Spool.ReplacementRecords(), Is.Empty);
    }

    [Test]
    public async Task ResumeSpool_StoppedAfterTheIndexMovedOn_OldFileDeleted()
    {
        string first;
        byte[] firstBytes;
        await using (var harness = new PipelineHarness(_directory.Path))
        {
            await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
            first = harness.StoredFiles().Single();
            firstBytes = File.ReadAllBytes(harness.Store.FullPathOf(first));
            await harness.Pipeline.ProcessAsync(harness.SpoolDataset(InAnotherSeries()));

            // The state a stop between the index commit and the delete leaves: the old file and its record.
            File.WriteAllBytes(harness.Store.FullPathOf(first), firstBytes);
            File.WriteAllText(harness.Spool.ReplacementPathOf(harness.Pipeline.InstanceKeyOf(DeidentificationFixtures.InstanceUid)), first);
        }

        await using var restarted = new PipelineHarness(_directory.Path);
        restarted.Pipeline.ResumeSpool();

        Assert.That(restarted.StoredFiles(), Has.Count.EqualTo(1));
        Assert.That(restarted.StoredFiles().Single(), Is.Not.EqualTo(first));
        Assert.That(restarted.Indexed(DeidentificationFixtures.InstanceUid).Entry.StoredPath, Is.EqualTo(restarted.StoredFiles().Single()));
        Assert.That(restarted.Spool.ReplacementRecords(), Is.Empty);
        Assert.That(restarted.Logger.WithEventId(2110), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ResumeSpool_StoppedBeforeTheIndexMovedOn_OldFileKept()
    {
        string first;
        await using (var harness = new PipelineHarness(_directory.Path))
        {
            await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
            first = harness.StoredFiles().Single();
            // Recorded, then stopped before the index write: the index still names the old file.
            File.WriteAllText(harness.Spool.ReplacementPathOf(harness.Pipeline.InstanceKeyOf(DeidentificationFixtures.InstanceUid)), first);
        }

        await using var restarted = new PipelineHarness(_directory.Path);
        restarted.Pipeline.ResumeSpool();

        Assert.That(restarted.StoredFiles(), Is.EqualTo(new[] { first }));
        Assert.That(restarted.Spool.ReplacementRecords(), Is.Empty);
    }

    private static DicomDataset InAnotherSeries()
    {
        var dataset = SyntheticInstances.Ct();
        dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, DeidentificationFixtures.SeriesUid + ".9");
        return dataset;
    }
}
