using NodeAgent.Federation.Contract;

namespace NodeAgent.Hub.Queries;

/// <summary>Merges the nodes' released tables: rows matched by their group values, cells summed, suppressed cells kept visible.</summary>
internal static class ResultMerger
{
    public static MergedResult Merge(QueryRequest request, IReadOnlyList<string> targets, IReadOnlyDictionary<string, QueryResult> results, IReadOnlyDictionary<string, string> missingReasons)
    {
        var measures = request.Query.Measures.Select(MeasureName).ToList();
        var rows = new SortedDictionary<string, (List<string> Groups, Accumulator[] Cells)>(StringComparer.Ordinal);
        var outcomes = new List<NodeOutcome>();
        foreach (var node in targets.OrderBy(t => t, StringComparer.Ordinal))
        {
            if (!results.TryGetValue(node, out var result))
            {
                outcomes.Add(new NodeOutcome(node, "timed-out", null, missingReasons.GetValueOrDefault(node), null, 0));
                continue;
            }

            if (result.OutcomeCase != QueryResult.OutcomeOneofCase.Table)
            {
                var refusal = result.Refusal ?? new Refusal { Code = "invalid-result", Reason = "the node sent neither a table nor a refusal" };
                outcomes.Add(new NodeOutcome(node, "refused", refusal.Code, refusal.Reason, result.PolicyHash, result.EpsilonSpent));
                continue;
            }

            outcomes.Add(new NodeOutcome(node, "answered", null, null, result.PolicyHash, result.EpsilonSpent));
            foreach (var row in result.Table.Rows)
            {
                var key = string.Join('\u001f', row.Groups);
                if (!rows.TryGetValue(key, out var merged))
                {
                    merged = ([.. row.Groups], [.. measures.Select(_ => new Accumulator())]);
                    rows.Add(key, merged);
                }

                for (var i = 0; i < Math.Min(row.Cells.Count, merged.Cells.Length); i++)
                {
                    merged.Cells[i].Add(row.Cells[i]);
                }
            }
        }

        return new MergedResult(
            request.QueryId,
            [.. request.Query.GroupBy],
            measures,
            [.. rows.Values.Select(r => new MergedRow(r.Groups, [.. r.Cells.Select(c => c.ToCell())]))],
            outcomes);
    }

    public static string MeasureName(Measure measure) => measure switch
    {
        Measure.Patients => "patients",
        Measure.Studies => "studies",
        Measure.Series => "series",
        Measure.Instances => "instances",
        _ => measure.ToString().ToLowerInvariant(),
    };

    private sealed class Accumulator
    {
        private readonly List<string> _suppressed = [];
        private long _sum;
        private int _released;

        public void Add(ReleasedCell cell)
        {
            if (cell.KindCase == ReleasedCell.KindOneofCase.Suppressed)
            {
                _suppressed.Add(string.IsNullOrEmpty(cell.Suppressed.Label) ? "suppressed" : cell.Suppressed.Label);
            }
            else
            {
                _sum += cell.Value;
                _released++;
            }
        }

        public MergedCell ToCell() => new(_sum, _released, _suppressed);
    }
}
