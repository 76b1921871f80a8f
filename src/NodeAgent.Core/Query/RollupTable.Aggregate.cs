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
            var second = groups.Length == 2 ? groups[1].Cardinality : 1;
            var cells = new CellCounts(
                groups.Aggregate(1L, (product, g) => product * g.Cardinality),
                _patients.Count,
                wantStudies ? _studies.Count : 0);
            var allPatients = new ulong[(_patients.Count + 63) >> 6];
            for (var row = 0; row < _count; row++)
            {
                if (filter is not null && !filter(row))
                {
                    continue;
                }

                long key = groups.Length == 0 ? 0 : groups[0].Code(row);
                if (groups.Length == 2)
                {
                    key = key * second + groups[1].Code(row);
                }

                var patient = _patient[row];
                cells.Add(key, patient, _study[row], _instances[row], _seriesHashes[row]);
                allPatients[patient >> 6] |= 1UL << patient;
            }

            if (groups.Length == 0)
            {
                cells.Touch(0);
            }

            var result = new List<AggregateCell>(cells.Count);
            foreach (var (key, patients, studies, series, instances, fingerprint) in cells.Cells())
            {
                var values = groups.Length switch
                {
                    0 => [],
                    1 => [groups[0].Label((int)key)],
                    _ => new[] { groups[0].Label((int)(key / second)), groups[1].Label((int)(key % second)) },
                };
                result.Add(new AggregateCell(values, patients, studies, series, instances, fingerprint));
            }

            result.Sort(static (a, b) => CompareGroups(a.Groups, b.Groups));
            return new AggregateResult(result, PatientHashesOf(allPatients));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    // The keyed hashes of the patients whose bits are set, sorted and distinct.
    private ulong[] PatientHashesOf(ulong[] bits)
    {
        var hashes = new List<ulong>();
        for (var word = 0; word < bits.Length; word++)
        {
            for (var w = bits[word]; w != 0; w &= w - 1)
            {
                hashes.Add(_patientHashes[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(w)]);
            }
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return Distinct(sorted);
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
            return new GroupColumn(row => codes[row], code => values[code], values.Count);
        }

        var numbers = _numbers[Array.FindIndex(NumericDimensions, d => d.Name == name)];
        var bin = bins[name];
        // Code 0 is the missing value; bin i is code i + 1.
        return new GroupColumn(row => bin.IndexOf(numbers[row]) + 1, code => bin.Label(code - 1), bin.Count + 1);
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

    private sealed record GroupColumn(Func<int, int> Code, Func<int, string> Label, int Cardinality);
}
