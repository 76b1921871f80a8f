using System.Diagnostics.Metrics;
using NodeAgent.Core.Disclosure;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Disclosure;

[TestFixture]
public sealed class QueryTelemetryTests
{
    [Test]
    public async Task AnswerAsync_AnsweredAndRefused_CountedWithOutcomeReasonSuppressedAndEpsilon()
    {
        var options = new DisclosureOptions { DifferentialPrivacy = true, EpsilonPerQuery = 0.5, EpsilonBudget = 1.0 };
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40).Concat(QueryServiceHarness.Patients("MR", 2)), options);
        var measurements = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (harness.Meters.Meters.Contains(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.Start();
        const string Query = """{"groupBy":["modality"],"measures":["patients","series"]}""";

        await harness.AskAsync(Query);
        await harness.AskAsync(Query);
        await harness.AskAsync(Query);
        listener.RecordObservableInstruments();

        var queries = measurements.Where(m => m.Name == "nodeagent.queries").ToList();
        Assert.That(queries.Count(m => (string?)m.Tags["outcome"] == "answered"), Is.EqualTo(2));
        Assert.That(queries.Single(m => (string?)m.Tags["outcome"] == "refused").Tags["reason"], Is.EqualTo("epsilon-exhausted"));
        Assert.That(measurements.Where(m => m.Name == "nodeagent.disclosure.cells.suppressed").Sum(m => m.Value), Is.EqualTo(4));
        var remaining = measurements.Single(m => m.Name == "nodeagent.privacy.epsilon.remaining");
        Assert.That(remaining.Value, Is.EqualTo(0).Within(1e-9));
        Assert.That(remaining.Tags["requester"], Is.EqualTo("hub-a"));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
