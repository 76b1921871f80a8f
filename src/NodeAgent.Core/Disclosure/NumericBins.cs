using System.Globalization;

namespace NodeAgent.Core.Disclosure;

/// <summary>
/// The bins a numeric dimension is grouped by: ascending edges e0 &lt; e1 &lt; … give the bins [e0,e1), [e1,e2), …,
/// plus "&lt;e0" below and "≥eN" from the last edge; a missing value is its own group, UNKNOWN.
/// </summary>
public sealed class NumericBins
{
    private readonly double[] _edges;
    private readonly string[] _labels;

    /// <summary>Creates the bins.</summary>
    /// <exception cref="ArgumentException">Fewer than one edge, or edges not strictly ascending finite numbers.</exception>
    public NumericBins(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count == 0 || edges.Any(e => !double.IsFinite(e)) || edges.Zip(edges.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("Bin edges must be one or more strictly ascending finite numbers.", nameof(edges));
        }

        _edges = [.. edges];
        _labels = new string[_edges.Length + 1];
        _labels[0] = "<" + Text(_edges[0]);
        for (var i = 1; i < _edges.Length; i++)
        {
            _labels[i] = $"[{Text(_edges[i - 1])},{Text(_edges[i])})";
        }

        _labels[^1] = "≥" + Text(_edges[^1]);
    }

    /// <summary>The edges.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>How many bins there are, not counting the missing-value group.</summary>
    public int Count => _labels.Length;

    /// <summary>The bin of a value: 0 below the first edge, <see cref="Count"/> − 1 from the last; −1 for NaN.</summary>
    public int IndexOf(double value)
    {
        if (double.IsNaN(value))
        {
            return -1;
        }

        // The number of edges ≤ value is the bin index.
        var lo = 0;
        var hi = _edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_edges[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The label of a bin, such as <c>[40,45)</c>.</summary>
    public string Label(int index) => index < 0 ? Query.QueryDimensions.Missing : _labels[index];

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
