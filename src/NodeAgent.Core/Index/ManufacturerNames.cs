using System.Globalization;
using System.Text;

namespace NodeAgent.Core.Index;

/// <summary>
/// Normalises the spelling of Manufacturer (0008,0070): the same vendor writes itself many ways across device
/// generations and acquisitions ("GE MEDICAL SYSTEMS", "GE Healthcare", "G.E. Medical Systems", "GEMS").
/// A name no rule knows is kept, trimmed and in title case.
/// </summary>
internal static class ManufacturerNames
{
    // Matched against the first word(s) of the name, upper case, with punctuation removed. Earlier names of a vendor
    // map to the company that carries the product line now (Toshiba Medical is Canon Medical Systems since 2018,
    // Kodak Health Group became Carestream in 2007, Aloka merged into Hitachi Aloka, Medison into Samsung Medison,
    // Lorad into Hologic).
    private static readonly (string Canonical, string[] Prefixes)[] Rules =
    [
        ("Siemens", ["SIEMENS"]),
        ("GE", ["GE", "GEMS", "GEHC", "GENERAL ELECTRIC"]),
        ("Philips", ["PHILIPS"]),
        ("Canon", ["CANON", "TOSHIBA"]),
        ("Fujifilm", ["FUJIFILM", "FUJI"]),
        ("Agfa", ["AGFA"]),
        ("Hologic", ["HOLOGIC", "LORAD"]),
        ("Carestream", ["CARESTREAM", "KODAK"]),
        ("Samsung", ["SAMSUNG", "MEDISON"]),
        ("Hitachi", ["HITACHI", "ALOKA"]),
        ("Mindray", ["MINDRAY"]),
        ("Esaote", ["ESAOTE"]),
        ("Konica Minolta", ["KONICA"]),
        ("Shimadzu", ["SHIMADZU"]),
        ("United Imaging", ["UIH", "UNITED IMAGING"]),
        ("Varian", ["VARIAN"]),
        ("Elekta", ["ELEKTA"]),
        ("Planmeca", ["PLANMECA"]),
        ("Neusoft", ["NEUSOFT"]),
        ("Bruker", ["BRUKER"]),
    ];

    /// <summary>The normalised name, or null when the text is absent or blank.</summary>
    public static string? Normalise(string? manufacturer)
    {
        var collapsed = DimensionText.Collapse(manufacturer);
        if (collapsed is null)
        {
            return null;
        }

        var key = Key(collapsed);
        foreach (var (canonical, prefixes) in Rules)
        {
            foreach (var prefix in prefixes)
            {
                if (key == prefix || key.StartsWith(prefix + " ", StringComparison.Ordinal))
                {
                    return canonical;
                }
            }
        }

        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(collapsed.ToLowerInvariant());
    }

    // "G.E. Medical Systems, LLC" -> "GE MEDICAL SYSTEMS LLC"; "TOSHIBA_MEC" -> "TOSHIBA MEC".
    private static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c == '.')
            {
                continue;
            }

            key.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ');
        }

        return DimensionText.Collapse(key.ToString()) ?? string.Empty;
    }
}
