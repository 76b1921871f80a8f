using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
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
}
