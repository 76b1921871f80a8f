using System.Diagnostics.Metrics;

namespace NodeAgent.Core.Pipeline;

/// <summary>
/// The pipeline's instruments on the "NodeAgent" meter: instances stored, quarantined (by reason) and duplicate, the
/// duration of each stage, and the spool depth.
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

    internal void ObserveSpoolDepth(Func<long> depth) => _spoolDepth = depth;

    internal void Stored() => _stored.Add(1);

    internal void Duplicate() => _duplicate.Add(1);

    internal void Quarantined(string reason) => _quarantined.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Stage(string stage, TimeSpan elapsed) =>
        _stageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
}
