using System.Globalization;
using NodeAgent.Core.Disclosure;

namespace NodeAgent.Core.Query;

/// <summary>The query engine: one pass over the rows under the read lock.</summary>
public sealed partial class RollupTable
{
    /// <summary>
    /// Computes the true counts of a validated query: one pass over the rows, each tested against the compiled
    /// filter (at most <see cref="QueryLimits.MaxFilterNodes"/> nodes) and added to its group's cell.
    /// </summary>
    internal AggregateResult Aggregate(FederatedQuery query, IReadOnlyDictionary<string, NumericBins> bins)
    {
        var wantStudies = query.Measures.Contains(QueryMeasure.Studies);
        _lock.EnterReadLock();
        try
        {
            var filter = query.Where is null ? null : Compile(query.Where);
            var groups = query.GroupBy.Select(name => GroupOf(name, bins)).ToArray();
            var cells = new Dictionary<long, CellAccumulator>();
            var allPatients = new HashSet<int>();
            if (groups.Length == 0)
            {
                cells.Add(0, new CellAccumulator(wantStudies));
            }

            for (var row = 0; row < _count; row++)
            {
                if (filter is not null && !filter(row))
                {
                    continue;
                }

                long key = groups.Length == 0 ? 0 : groups[0].Code(row);
                if (groups.Length == 2)
                {
                    key = (key << 32) | (uint)groups[1].Code(row);
                }

                if (!cells.TryGetValue(key, out var cell))
                {
                    cell = new CellAccumulator(wantStudies);
                    cells.Add(key, cell);
                }

                cell.Add(_patient[row], _study[row], _instances[row]);
                allPatients.Add(_patient[row]);
            }

            var result = new List<AggregateCell>(cells.Count);
            foreach (var (key, cell) in cells)
            {
                var values = groups.Length switch
                {
                    0 => [],
                    1 => [groups[0].Label((int)key)],
                    _ => new[] { groups[0].Label((int)(key >> 32)), groups[1].Label((int)(key & uint.MaxValue)) },
                };
                result.Add(new AggregateCell(values, cell.Patients.Count, cell.Studies?.Count ?? 0, cell.Series, cell.Instances));
            }

            result.Sort(static (a, b) => CompareGroups(a.Groups, b.Groups));
            var hashes = allPatients.Select(p => _patientHashes[p]).ToArray();
            Array.Sort(hashes);
            return new AggregateResult(result, Distinct(hashes));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private static int CompareGroups(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static ulong[] Distinct(ulong[] sorted)
    {
        if (sorted.Length == 0)
        {
            return sorted;
        }

        var n = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[n - 1])
            {
                sorted[n++] = sorted[i];
            }
        }

        return n == sorted.Length ? sorted : sorted[..n];
    }

    private GroupColumn GroupOf(string name, IReadOnlyDictionary<string, NumericBins> bins)
    {
        var text = Array.FindIndex(TextDimensions, d => d.Name == name);
        if (text >= 0)
        {
            var codes = _text[text];
            var values = _textValues[text];
            return new GroupColumn(row => codes[row], code => values[code]);
        }

        var numbers = _numbers[Array.FindIndex(NumericDimensions, d => d.Name == name)];
        var bin = bins[name];
        // Code 0 is the missing value; bin i is code i + 1.
        return new GroupColumn(row => bin.IndexOf(numbers[row]) + 1, code => bin.Label(code - 1));
    }

    private Func<int, bool> Compile(QueryFilter filter)
    {
        switch (filter)
        {
            case AllOf all:
                var every = all.Filters.Select(Compile).ToArray();
                return row =>
                {
                    foreach (var f in every)
                    {
                        if (!f(row))
                        {
                            return false;
                        }
                    }

                    return true;
                };
            case AnyOf any:
                var some = any.Filters.Select(Compile).ToArray();
                return row =>
                {
                    foreach (var f in some)
                    {
                        if (f(row))
                        {
                            return true;
                        }
                    }

                    return false;
                };
            case EqualsFilter eq:
                return CompileIn(eq.Dimension, [eq.Value]);
            case InFilter @in:
                return CompileIn(@in.Dimension, @in.Values);
            case RangeFilter range:
                var column = _numbers[Array.FindIndex(NumericDimensions, d => d.Name == range.Dimension)];
                var min = range.Min ?? double.NegativeInfinity;
                var max = range.Max ?? double.PositiveInfinity;
                // NaN (missing) fails both comparisons, so a series without the value never matches.
                return row => column[row] >= min && column[row] < max;
            default:
                throw new QueryValidationException("The filter holds an unknown kind of node.");
        }
    }

    private Func<int, bool> CompileIn(string dimension, IReadOnlyList<string> values)
    {
        var text = Array.FindIndex(TextDimensions, d => d.Name == dimension);
        if (text >= 0)
        {
            var codes = _text[text];
            var dictionary = _textValues[text];
            var mask = new bool[dictionary.Count];
            foreach (var value in values)
            {
                if (dictionary.TryGetCode(value, out var code))
                {
                    mask[code] = true;
                }
            }

            return row => mask[codes[row]];
        }

        var column = _numbers[Array.FindIndex(NumericDimensions, d => d.Name == dimension)];
        var missing = values.Contains(QueryDimensions.Missing);
        var numbers = values.Where(v => v != QueryDimensions.Missing)
            .Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToHashSet();
        return row => double.IsNaN(column[row]) ? missing : numbers.Contains(column[row]);
    }

    private sealed record GroupColumn(Func<int, int> Code, Func<int, string> Label);

    private sealed class CellAccumulator(bool studies)
    {
        public HashSet<int> Patients { get; } = [];

        public HashSet<int>? Studies { get; } = studies ? [] : null;

        public long Series { get; private set; }

        public long Instances { get; private set; }

        public void Add(int patient, int study, int instances)
        {
            Patients.Add(patient);
            Studies?.Add(study);
            Series++;
            Instances += instances;
        }
    }
}
