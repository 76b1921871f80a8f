using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using NodeAgent.Core.Pipeline;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>The pipeline's instruments count what happened, with the reason and stage tags of COMMON.md.</summary>
[TestFixture]
public sealed class PipelineTelemetryTests
{
    [Test]
    public async Task ProcessAsync_StoredDuplicateAndQuarantined_CountedWithTags()
    {
        using var directory = new TempDirectory("pipeline-telemetry");
        await using var harness = new PipelineHarness(directory);
        var counts = new ConcurrentDictionary<string, long>();
        var stages = new ConcurrentDictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == harness.MeterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value;
            counts.AddOrUpdate(reason is null ? instrument.Name : $"{instrument.Name}{{{reason}}}", value, (_, sum) => sum + value);
        });
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                stages.AddOrUpdate((string)tag.Value!, 1, (_, n) => n + 1);
            }
        });
        listener.Start();

        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct()));
        await harness.Pipeline.ProcessAsync(harness.SpoolDataset(SyntheticInstances.Ct(instanceUid: "1.2.3.9", pixelBytes: 2)));
        harness.SpoolDataset(SyntheticInstances.Ct(instanceUid: "1.2.3.10"));
        listener.RecordObservableInstruments();

        Assert.That(counts.GetValueOrDefault("nodeagent.instances.stored"), Is.EqualTo(2));
        Assert.That(counts.GetValueOrDefault("nodeagent.instances.duplicate"), Is.EqualTo(1), "the Replace re-send counts as a duplicate");
        Assert.That(counts.GetValueOrDefault("nodeagent.instances.quarantined{pixel-data-inconsistent}"), Is.EqualTo(1));
        Assert.That(counts.GetValueOrDefault("nodeagent.spool.depth"), Is.EqualTo(1), "one file waits in the spool");
        Assert.That(stages.Keys, Is.SupersetOf(new[] { "parse", "validate", "pseudonymise", "standardise", "store", "index" }));
    }

    [Test]
    public async Task ProcessAsync_ReceivedInsideASpan_IngestSpanContinuesItsTraceWithOneSpanPerStage()
    {
        using var directory = new TempDirectory("pipeline-tracing");
        await using var harness = new PipelineHarness(directory);
        using var receiving = new ActivitySource("NodeAgent.Tests.Receiving");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PipelineTelemetry.MeterName or "NodeAgent.Tests.Receiving",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var path = harness.SpoolDataset(SyntheticInstances.Ct());
        ActivityTraceId trace;
        using (var instance = receiving.StartActivity("dicom.instance"))
        {
            trace = instance!.TraceId;
            harness.Pipeline.Enqueue(path);
        }

        var outcome = await harness.Pipeline.ProcessAsync(path);

        var ours = spans.Where(span => span.TraceId == trace).ToList();
        var ingest = ours.Single(span => span.OperationName == "ingest");
        var stages = ours.Where(span => span.ParentSpanId == ingest.SpanId).Select(span => span.OperationName).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(ProcessOutcome.Stored));
            Assert.That(ingest.ParentSpanId, Is.EqualTo(ours.Single(span => span.OperationName == "dicom.instance").SpanId));
            Assert.That(stages, Is.EqualTo(new[] { "parse", "validate", "pseudonymise", "standardise", "store", "index" }));
            Assert.That(ours.All(span => span.Duration >= TimeSpan.Zero), Is.True);
        });
    }
}
