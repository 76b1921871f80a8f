using System.Diagnostics.Metrics;

namespace NodeAgent.Telemetry;

/// <summary>
/// Today's figures for /status, read from the agent's own instruments with a <see cref="MeterListener"/>: instances
/// received, and queries answered and refused (<c>nodeagent.queries</c>, which the query engine records; nothing to
/// wire here beyond using that name). Counted since local midnight or since the agent started, whichever is later:
/// they are not persisted (the index keeps the durable counts).
/// </summary>
internal sealed class TodayCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private DateOnly _day;
    private long _received;
    private long _queriesAnswered;
    private long _queriesRefused;

    public TodayCounters(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        _day = Today();
        StartedAt = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this host's instruments: the factory is the meter's scope, which keeps tests in one process apart.
            if (instrument.Meter.Name == TelemetryNames.Meter && ReferenceEquals(instrument.Meter.Scope, meters)
                && instrument.Name is TelemetryNames.InstancesReceived or TelemetryNames.Queries)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => OnMeasurement(instrument, value, tags, state));
        _listener.Start();
    }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The start of today in UTC (local midnight), and today's figures so far.</summary>
    public (DateTimeOffset Since, long Received, long QueriesAnswered, long QueriesRefused) Read()
    {
        lock (_gate)
        {
            Roll();
            var midnight = new DateTimeOffset(_day.ToDateTime(TimeOnly.MinValue), _time.LocalTimeZone.GetUtcOffset(_day.ToDateTime(TimeOnly.MinValue)));
            var since = midnight > StartedAt ? midnight : StartedAt;
            return (since.ToUniversalTime(), _received, _queriesAnswered, _queriesRefused);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var refused = false;
        foreach (var tag in tags)
        {
            refused |= tag.Key == "outcome" && tag.Value is "refused";
        }

        lock (_gate)
        {
            Roll();
            if (instrument.Name == TelemetryNames.InstancesReceived)
            {
                _received += value;
            }
            else if (refused)
            {
                _queriesRefused += value;
            }
            else
            {
                _queriesAnswered += value;
            }
        }
    }

    private void Roll()
    {
        var today = Today();
        if (today != _day)
        {
            _day = today;
            _received = 0;
            _queriesAnswered = 0;
            _queriesRefused = 0;
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
}
