using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NodeAgent.Core.Pipeline;

/// <summary>
/// The pipeline's instruments on the "NodeAgent" meter: instances stored, quarantined (by reason) and duplicate, the
/// duration of each stage, and the spool depth; and its spans on the "NodeAgent" source: one "ingest" span per spool
/// file, a child of the instance span that received it, with one child span per stage.
/// </summary>
public sealed class PipelineTelemetry
{
    /// <summary>The meter every NodeAgent area uses.</summary>
    public const string MeterName = "NodeAgent";

    private readonly Counter<long> _stored;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _duplicate;
    private readonly Histogram<double> _stageDuration;
    private Func<long> _spoolDepth = () => 0;

    /// <summary>Creates the instruments through the host's meter factory (never a static meter, so tests are isolated).</summary>
    public PipelineTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _stored = meter.CreateCounter<long>("nodeagent.instances.stored", description: "Instances stored pseudonymised and indexed");
        _quarantined = meter.CreateCounter<long>("nodeagent.instances.quarantined", description: "Instances moved to quarantine, by reason");
        _duplicate = meter.CreateCounter<long>("nodeagent.instances.duplicate", description: "Re-sends of instances already stored");
        _stageDuration = meter.CreateHistogram<double>("nodeagent.pipeline.stage.duration", unit: "s", description: "Time spent in each pipeline stage");
        meter.CreateObservableGauge("nodeagent.spool.depth", () => _spoolDepth(), description: "Received instances waiting in the spool");
    }

    /// <summary>The source of the pipeline's spans ("NodeAgent", like every area's).</summary>
    internal ActivitySource Source { get; } = new(MeterName);

    /// <summary>Starts the span of one spool file, under the span that received the instance when it is known.</summary>
    internal Activity? StartIngest(ActivityContext received, string spoolId)
    {
        var activity = Source.StartActivity("ingest", ActivityKind.Internal, received);
        activity?.SetTag("nodeagent.spool.id", spoolId);
        return activity;
    }

    internal void ObserveSpoolDepth(Func<long> depth) => _spoolDepth = depth;

    internal void Stored() => _stored.Add(1);

    internal void Duplicate() => _duplicate.Add(1);

    internal void Quarantined(string reason) => _quarantined.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records a finished stage: its duration in the histogram and, when tracing, a span of that length.</summary>
    internal void Stage(string stage, TimeSpan elapsed, DateTimeOffset ended)
    {
        _stageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
        if (Source.HasListeners())
        {
            // The stage has ended already: its span is made after the fact, with the measured start time.
            using var span = Source.StartActivity(stage, ActivityKind.Internal, parentContext: default, startTime: ended - elapsed);
            span?.SetEndTime(ended.UtcDateTime);
        }
    }
}
