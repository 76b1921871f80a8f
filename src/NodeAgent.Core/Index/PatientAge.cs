using System.Globalization;

namespace NodeAgent.Core.Index;

/// <summary>Patient's Age (0010,1010), VR AS: <c>nnnD</c>, <c>nnnW</c>, <c>nnnM</c> or <c>nnnY</c> (PS3.5 Table 6.2-1).</summary>
internal static class PatientAge
{
    // Ages above 89 are grouped into one band: HIPAA's Safe Harbor and PS3.15 Annex E treat higher ages as
    // identifying, and such cells are small anyway.
    private const int TopBand = 90;
    private const double DaysPerYear = 365.2425;

    /// <summary>Whole years (rounded down), or null when the text is no AS value.</summary>
    public static int? ParseYears(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 4)
        {
            return null;
        }

        if (!int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        return char.ToUpperInvariant(value[^1]) switch
        {
            'Y' => count,
            'M' => count / 12,
            'W' => (int)Math.Floor(count * 7 / DaysPerYear),
            'D' => (int)Math.Floor(count / DaysPerYear),
            _ => null,
        };
    }

    /// <summary>The 5-year band, <c>0-4</c>, <c>5-9</c> … <c>85-89</c>, then <c>90+</c>.</summary>
    public static string Band(int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        if (years >= TopBand)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{TopBand}+");
        }

        var low = years / 5 * 5;
        return string.Create(CultureInfo.InvariantCulture, $"{low}-{low + 4}");
    }
}
