using System.Diagnostics.Metrics;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>An <see cref="IMeterFactory"/> of its own per test, so instruments of parallel tests never mix.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
