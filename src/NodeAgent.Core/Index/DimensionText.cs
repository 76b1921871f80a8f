using System.Text;

namespace NodeAgent.Core.Index;

/// <summary>Small text normalisations shared by the dimension rules.</summary>
internal static class DimensionText
{
    /// <summary>Trims and collapses inner runs of white space to one space; null when nothing is left.</summary>
    public static string? Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c) || c == '\0')
            {
                space = true;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>Upper case (invariant), trimmed and collapsed; null when nothing is left.</summary>
    public static string? Upper(string? text) => Collapse(text)?.ToUpperInvariant();

    /// <summary>
    /// The matching key of a term: upper-case letters and digits only, so "Whole Body", "WHOLE_BODY" and the
    /// defined term "WHOLEBODY" meet.
    /// </summary>
    public static string MatchKey(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToUpperInvariant(c));
            }
        }

        return key.ToString();
    }
}
