using NodeAgent.Core.Spool;
using NodeAgent.Core.Tests.Deidentification;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>The pipeline's workers and scans: resume from the spool, new arrivals, files put back into the spool.</summary>
[TestFixture]
public sealed class IngestPipelineRunTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory("pipeline-run");

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task RunAsync_FilesLeftInTheSpool_AllProcessedAndPartialsRemoved()
    {
        await using var harness = new PipelineHarness(_directory);
        for (var i = 0; i < 6; i++)
        {
            harness.SpoolDataset(SyntheticInstances.Ct(instanceUid: $"{DeidentificationFixtures.InstanceUid}.{i}"));
        }

        File.WriteAllBytes(Path.Combine(harness.Spool.Path, SpoolDirectory.NewId() + SpoolDirectory.PartialExtension), [1, 2]);
        using var stop = new CancellationTokenSource();

        Assert.That(harness.Pipeline.ResumeSpool(), Is.EqualTo(6));
        var run = harness.Pipeline.RunAsync(stop.Token);
        await PipelineHarness.WaitUntilAsync(() => harness.Index.Counts.Instances == 6 && harness.SpoolFiles().Count == 0, "six instances are indexed and the spool is empty");
        await stop.CancelAsync();
        await run;

        Assert.That(harness.StoredFiles(), Has.Count.EqualTo(6));
        Assert.That(harness.Pipeline.Pending, Is.Zero);
    }

    [Test]
    public async Task RunAsync_QueueSmallerThanTheSpool_BacklogProcessed()
    {
        var options = new Core.Pipeline.PipelineOptions { Parallelism = 1, QueueCapacity = 2, RescanSeconds = 3600 };
        await using var harness = new PipelineHarness(_directory, options);
        for (var i = 0; i < 5; i++)
        {
            harness.SpoolDataset(SyntheticInstances.Ct(instanceUid: $"{DeidentificationFixtures.InstanceUid}.{i}"));
        }

        using var stop = new CancellationTokenSource();
        harness.Pipeline.ResumeSpool();
        var run = harness.Pipeline.RunAsync(stop.Token);
        await PipelineHarness.WaitUntilAsync(() => harness.Index.Counts.Instances == 5, "five instances are indexed");
        await stop.CancelAsync();
        await run;
    }

    [Test]
    public async Task RunAsync_NewArrivalAndQuarantineRetry_PickedUp()
    {
        await using var harness = new PipelineHarness(_directory);
        using var stop = new CancellationTokenSource();
        harness.Pipeline.ResumeSpool();
        var run = harness.Pipeline.RunAsync(stop.Token);

        harness.Pipeline.Enqueue(harness.SpoolDataset(SyntheticInstances.Ct()));
        await PipelineHarness.WaitUntilAsync(() => harness.Index.Counts.Instances == 1, "the new arrival is indexed");

        // A bad instance is quarantined; put back into the spool, the periodic scan finds it again.
        harness.Pipeline.Enqueue(harness.SpoolDataset(SyntheticInstances.Ct(instanceUid: "1.2.3.4.5", pixelBytes: 3)));
        await PipelineHarness.WaitUntilAsync(() => harness.Quarantine.List().Count == 1, "the bad instance is quarantined");
        var id = harness.Quarantine.List()[0].Id;
        Assert.That(harness.Quarantine.Retry(id, harness.Spool), Is.Not.Null);
        await PipelineHarness.WaitUntilAsync(() => harness.Quarantine.List().Count == 1 && harness.SpoolFiles().Count == 0, "the retried instance is scanned and quarantined again");

        await stop.CancelAsync();
        await run;
        Assert.That(harness.Quarantine.List().Single().Id, Is.EqualTo(id));
    }

    [Test]
    public async Task RunAsync_StoppedMidway_EveryInstanceIndexedOrStillSpooledNeverBoth()
    {
        const int count = 60;
        // One instance in flight at a time, and the stop comes with the first index commit: the rest stay spooled.
        await using var harness = new PipelineHarness(_directory, new Core.Pipeline.PipelineOptions { Parallelism = 1, MaxInFlight = 1 });
        for (var i = 0; i < count; i++)
        {
            harness.SpoolDataset(SyntheticInstances.Ct(instanceUid: $"{DeidentificationFixtures.InstanceUid}.{i}"));
        }

        using var stop = new CancellationTokenSource();
        harness.Writer.Committed += _ => stop.Cancel();
        harness.Pipeline.ResumeSpool();
        await harness.Pipeline.RunAsync(stop.Token);

        var indexed = harness.Index.Counts.Instances;
        Assert.That(indexed, Is.LessThan(count), "the stop came before the spool was empty");
        Assert.That(indexed + harness.SpoolFiles().Count, Is.EqualTo(count), "each instance is indexed or waits in the spool");
        Assert.That(harness.StoredFiles(), Has.Count.EqualTo(indexed), "nothing is stored without being indexed");
        Assert.That(harness.Pipeline.Pending, Is.Zero);
    }
}
