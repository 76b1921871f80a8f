using System.Diagnostics;
using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Tests.Deidentification;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>
/// A quick local rate of the whole pipeline (parse → … → index → delete, fsync on) over synthetic 512 × 512 16-bit CT
/// slices already in the spool. Not a CI test ([Explicit]); the network side is measured by bench/ingest.
/// Run: dotnet test tests/NodeAgent.Core.Tests --filter "FullyQualifiedName~IngestPipelineBenchmark".
/// </summary>
[TestFixture]
[Explicit("Benchmark: run by hand; the figure depends on the machine's load and disk.")]
[Category("Benchmark")]
public sealed class IngestPipelineBenchmark
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public async Task RunAsync_Synthetic512CtSlices_ReportsImagesPerSecond(int parallelism)
    {
        const int count = 300;
        using var directory = new TempDirectory("pipeline-bench");
        await using var harness = new PipelineHarness(directory, new PipelineOptions { Parallelism = parallelism, QueueCapacity = 4096 });
        for (var i = 0; i < count; i++)
        {
            harness.SpoolDataset(SyntheticInstances.Ct(instanceUid: $"{DeidentificationFixtures.InstanceUid}.{i}", rows: 512, columns: 512));
        }

        var stages = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "nodeagent.pipeline.stage.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                stages.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
            }
        });
        listener.Start();
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        harness.Pipeline.ResumeSpool();
        var run = harness.Pipeline.RunAsync(stop.Token);
        await PipelineHarness.WaitUntilAsync(() => harness.Index.Counts.Instances == count, "every slice is indexed", TimeSpan.FromMinutes(5));
        watch.Stop();
        await stop.CancelAsync();
        await run;

        var rate = count / watch.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine($"parallelism {parallelism}: {count} slices of 512 KiB in {watch.Elapsed.TotalSeconds:0.00} s = {rate:0} images/s");
        foreach (var (stage, seconds) in stages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"  {stage}: {seconds * 1000 / count:0.00} ms per instance (summed over workers)");
        }

        Assert.That(harness.StoredFiles(), Has.Count.EqualTo(count));
    }
}
