using System.Globalization;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;

namespace NodeAgent.Core.Tests.Query;

/// <summary>The brute-force LINQ computation the engine must agree with: row by row over the rollup records.</summary>
internal static class ReferenceEngine
{
    public static List<(string[] Groups, long Patients, long Studies, long Series, long Instances)> Compute(
        IEnumerable<SeriesRollup> rollups, FederatedQuery query, DisclosurePolicy policy)
    {
        var matching = rollups.Where(r => query.Where is null || Matches(query.Where, r.Dimensions)).ToList();
        var grouped = matching.GroupBy(r => string.Join("\u0001", query.GroupBy.Select(g => GroupValue(g, r.Dimensions, policy))));
        var cells = grouped.Select(g => (
                Groups: query.GroupBy.Select(d => GroupValue(d, g.First().Dimensions, policy)).ToArray(),
                Patients: (long)g.Select(r => r.PatientKey).Distinct().Count(),
                Studies: (long)g.Select(r => r.StudyKey).Distinct().Count(),
                Series: (long)g.Count(),
                Instances: g.Sum(r => (long)r.InstanceCount)))
            .OrderBy(c => c.Groups.ElementAtOrDefault(0), StringComparer.Ordinal)
            .ThenBy(c => c.Groups.ElementAtOrDefault(1), StringComparer.Ordinal)
            .ToList();
        if (query.GroupBy.Count == 0 && cells.Count == 0)
        {
            cells.Add(([], 0, 0, 0, 0));
        }

        return cells;
    }

    private static string GroupValue(string name, InstanceDimensions d, DisclosurePolicy policy)
    {
        QueryDimensions.TryGet(name, out var dimension);
        if (dimension!.Kind == DimensionKind.Text)
        {
            return dimension.TextOf(d);
        }

        var bins = policy.Bins[name];
        var value = dimension.NumberOf(d);
        if (double.IsNaN(value))
        {
            return QueryDimensions.Missing;
        }

        // Independent of NumericBins.IndexOf: a linear walk over the edges.
        var edges = bins.Edges;
        var index = edges.Count(e => e <= value);
        return bins.Label(index);
    }

    private static bool Matches(QueryFilter filter, InstanceDimensions d) => filter switch
    {
        AllOf all => all.Filters.All(f => Matches(f, d)),
        AnyOf any => any.Filters.Any(f => Matches(f, d)),
        EqualsFilter eq => Equal(eq.Dimension, eq.Value, d),
        InFilter @in => @in.Values.Any(v => Equal(@in.Dimension, v, d)),
        RangeFilter range => Value(range.Dimension, d) is var v && !double.IsNaN(v)
            && (range.Min is null || v >= range.Min) && (range.Max is null || v < range.Max),
        _ => throw new ArgumentException("unknown filter"),
    };

    private static bool Equal(string name, string value, InstanceDimensions d)
    {
        QueryDimensions.TryGet(name, out var dimension);
        if (dimension!.Kind == DimensionKind.Text)
        {
            return dimension.TextOf(d) == value;
        }

        var actual = dimension.NumberOf(d);
        return value == QueryDimensions.Missing
            ? double.IsNaN(actual)
            : actual == double.Parse(value, CultureInfo.InvariantCulture);
    }

    private static double Value(string name, InstanceDimensions d)
    {
        QueryDimensions.TryGet(name, out var dimension);
        return dimension!.NumberOf(d);
    }
}
