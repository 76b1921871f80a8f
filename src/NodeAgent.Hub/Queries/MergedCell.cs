using System.Globalization;

namespace NodeAgent.Hub.Queries;

/// <summary>
/// One cell over all nodes: the sum of the released values, and the suppressed cells kept visible (a node's
/// suppressed count is unknown by design, so it is never added into the sum).
/// </summary>
public sealed record MergedCell(long Sum, int ReleasedNodes, IReadOnlyList<string> SuppressedLabels)
{
    /// <summary>How the CLI prints it: "25", "&lt;10", "25 + &lt;10", "25 + 2×&lt;10".</summary>
    public string Display
    {
        get
        {
            var suppressed = string.Join(" + ", SuppressedLabels
                .GroupBy(l => l, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Count() == 1 ? g.Key : $"{g.Count()}×{g.Key}"));
            var sum = Sum.ToString(CultureInfo.InvariantCulture);
            return (ReleasedNodes > 0, suppressed.Length > 0) switch
            {
                (_, false) => sum,
                (false, true) => suppressed,
                (true, true) => $"{sum} + {suppressed}",
            };
        }
    }
}
