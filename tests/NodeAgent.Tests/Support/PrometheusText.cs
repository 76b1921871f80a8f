using System.Globalization;

namespace NodeAgent.Tests.Support;

/// <summary>Reads samples out of a Prometheus text exposition (the lines <c>name{label="v",...} value</c>).</summary>
public static class PrometheusText
{
    /// <summary>
    /// The value of the sample named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>
    /// (<c>outcome="released"</c>), summed over the matching lines; 0 when none matches (a counter not yet recorded).
    /// </summary>
    public static double Value(string exposition, string name, params string[] labels)
    {
        var total = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }

            var labelText = rest[0] == '{' ? rest[1..rest.IndexOf('}', StringComparison.Ordinal)] : "";
            if (labels.Any(label => !labelText.Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = rest[(rest.LastIndexOf(' ') + 1)..].Trim();
            total += double.Parse(value, CultureInfo.InvariantCulture);
        }

        return total;
    }
}
