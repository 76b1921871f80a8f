using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodeAgent.Core.Index;
using NodeAgent.Telemetry;

namespace NodeAgent.Health;

/// <summary>
/// /status: today's work. Instances received and queries come from the agent's instruments (<see cref="TodayCounters"/>);
/// instances stored and studies from the index when the pipeline registered one (null before that).
/// </summary>
internal sealed class StatusReporter(TodayCounters today, IServiceProvider services)
{
    public JsonObject Read()
    {
        var (since, received, answered, refused) = today.Read();
        long? stored = null;
        long? studies = null;
        if (services.GetService<IInstanceIndex>() is { } index)
        {
            stored = index.InstanceCountSince(since.UtcDateTime);
            studies = index.StudyCountSince(since.UtcDateTime);
        }

        return new JsonObject
        {
            ["startedAt"] = today.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["today"] = new JsonObject
            {
                ["since"] = since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["instancesReceived"] = received,
                ["instancesStored"] = stored,
                ["studies"] = studies,
                ["queriesAnswered"] = answered,
                ["queriesRefused"] = refused,
            },
        };
    }
}
