using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NodeAgent.Telemetry;
using NUnit.Framework;

namespace NodeAgent.Tests.Telemetry;

/// <summary>/status's "today": counted from this host's instruments only, and back to zero after local midnight.</summary>
[TestFixture]
public sealed class TodayCountersTests
{
    [Test]
    public async Task Read_AfterMidnight_CountsStartAgain()
    {
        var clock = new SettableTime(new DateTimeOffset(2026, 12, 1, 23, 59, 0, TimeSpan.Zero));
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var today = new TodayCounters(meters, clock);
        var meter = meters.Create(TelemetryNames.Meter);
        var received = meter.CreateCounter<long>(TelemetryNames.InstancesReceived);
        var queries = meter.CreateCounter<long>(TelemetryNames.Queries);

        received.Add(3);
        queries.Add(2, new KeyValuePair<string, object?>("outcome", "answered"));
        queries.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
        var before = today.Read();
        clock.Now = clock.Now.AddMinutes(2);
        received.Add(1);
        var after = today.Read();

        Assert.That((before.Received, before.QueriesAnswered, before.QueriesRefused), Is.EqualTo((3L, 2L, 1L)));
        Assert.That((after.Received, after.QueriesAnswered, after.QueriesRefused), Is.EqualTo((1L, 0L, 0L)));
        Assert.That(after.Since, Is.EqualTo(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Read_InstrumentsOfAnotherHost_NotCounted()
    {
        await using var mine = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var today = new TodayCounters(mine.GetRequiredService<IMeterFactory>(), TimeProvider.System);

        other.GetRequiredService<IMeterFactory>().Create(TelemetryNames.Meter).CreateCounter<long>(TelemetryNames.InstancesReceived).Add(5);

        Assert.That(today.Read().Received, Is.Zero);
    }

    /// <summary>A clock the test moves, in UTC (so local midnight is UTC midnight).</summary>
    private sealed class SettableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
