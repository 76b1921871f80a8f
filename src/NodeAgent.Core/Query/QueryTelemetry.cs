using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NodeAgent.Core.Query;

/// <summary>
/// The query area's instruments on the <c>NodeAgent</c> meter: <c>nodeagent.queries</c> (outcome, reason),
/// <c>nodeagent.disclosure.cells.suppressed</c>, <c>nodeagent.privacy.epsilon.remaining</c> (requester); and the
/// <c>query</c> activity with its <c>engine</c>, <c>disclosure</c> and <c>audit</c> children.
/// </summary>
public sealed class QueryTelemetry : IDisposable
{
    /// <summary>The meter and activity source name shared by all of NodeAgent.</summary>
    public const string Name = "NodeAgent";

    private readonly Counter<long> _queries;
    private readonly Counter<long> _suppressed;
    private readonly ConcurrentDictionary<string, double> _remaining = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments through the factory (so tests are isolated).</summary>
    public QueryTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _queries = meter.CreateCounter<long>("nodeagent.queries", description: "Federated queries answered or refused.");
        _suppressed = meter.CreateCounter<long>("nodeagent.disclosure.cells.suppressed", description: "Released cells withheld by the minimum cell size.");
        meter.CreateObservableGauge(
            "nodeagent.privacy.epsilon.remaining",
            () => _remaining.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("requester", p.Key))),
            description: "Differential-privacy budget left per requester in the rolling window.");
    }

    /// <summary>The activity source for the query spans.</summary>
    public ActivitySource Source { get; } = new(Name);

    /// <summary>Counts a query outcome.</summary>
    public void Query(QueryOutcomeKind kind, string? reason) => _queries.Add(
        1,
        new KeyValuePair<string, object?>("outcome", kind == QueryOutcomeKind.Answered ? "answered" : "refused"),
        new KeyValuePair<string, object?>("reason", reason ?? "none"));

    /// <summary>Counts suppressed cells.</summary>
    public void Suppressed(int cells)
    {
        if (cells > 0)
        {
            _suppressed.Add(cells);
        }
    }

    /// <summary>Sets the remaining ε of a requester.</summary>
    public void EpsilonRemaining(string requester, double remaining) => _remaining[requester] = remaining;

    /// <inheritdoc/>
    public void Dispose() => Source.Dispose();
}
