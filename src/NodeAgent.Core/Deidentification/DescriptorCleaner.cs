using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// The Clean Descriptors Option (PS3.15 E.3.5) as NodeAgent performs it: a free-text descriptor is kept after
/// removing every token that matches an identifying value of the same data set (names, IDs, dates, the
/// institution), every token shaped like a date, and every part shaped like an identifier. What remains is
/// vocabulary ("CT CHEST W CONTRAST 5mm"), which describes the study and identifies no one.
/// </summary>
internal sealed partial class DescriptorCleaner(IdentifyingValues values)
{
    // Characters that always end a token. Inside a token '-', '.', '/', '_', '#', '@', '&' and '%' are kept, so that
    // "2024-01-01", "01/01/2024", "T1_MPRAGE" and "john.smith@example.org" are judged whole.
    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t\r\n\f\v,;:()[]{}<>\"'`^\\=|!?*+~");

    /// <summary>The cleaned text; empty when nothing but identifying tokens was there.</summary>
    public string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new StringBuilder(text);
        BlankPhrases(buffer);
        BlankTokens(buffer);
        return Tidy(buffer.ToString());
    }

    /// <summary>The maximal runs of letters and digits of a value: the words of a name, the parts of an ID.</summary>
    internal static IEnumerable<string> SplitWords(string value)
    {
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var inWord = i < value.Length && char.IsLetterOrDigit(value[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return value[start..i];
                start = -1;
            }
        }
    }

    /// <summary>True for a word in a script written without spaces (CJK ideographs, kana, hangul).</summary>
    internal static bool IsWrittenWithoutSpaces(string word) => word.Any(c => c >= '\u2E80');

    /// <summary>
    /// True for a date however written: 20240101, 2024-01-01, 2024/1/1, 01/01/2024, 01.01.24, 1-Jan-2024, Jan-2024,
    /// 01/2024.
    /// </summary>
    internal static bool IsDateShaped(string token) => DateShape().IsMatch(token);

    /// <summary>
    /// True for a part of a token shaped like an identifier: six digits or more, or five characters or more mixing
    /// letters and digits. Two shapes that mix them are vocabulary and are kept: a number with a short unit
    /// ("625mm", "120kV", "1000ms") and a word with a short number ("ISOVUE300", "COVID19", "Omnipaque350").
    /// </summary>
    internal static bool IsIdentifierShaped(string part)
    {
        var digits = part.Count(char.IsDigit);
        var letters = part.Count(char.IsLetter);
        if (digits >= 6 && letters == 0)
        {
            return true;
        }

        return part.Length >= 5 && digits > 0 && letters > 0 && !MeasurementShape().IsMatch(part) && !NamedStrengthShape().IsMatch(part);
    }

    private void BlankPhrases(StringBuilder buffer)
    {
        var text = buffer.ToString();
        foreach (var phrase in values.Phrases)
        {
            var boundaries = !IsWrittenWithoutSpaces(phrase);
            for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + phrase.Length;
                if (!boundaries || ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))))
                {
                    Blank(buffer, at, phrase.Length);
                }
            }
        }

        foreach (var fragment in values.Fragments)
        {
            for (var at = text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(fragment, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                Blank(buffer, at, fragment.Length);
            }
        }
    }

    private void BlankTokens(StringBuilder buffer)
    {
        var text = buffer.ToString();
        var start = 0;
        while (start < text.Length)
        {
            var length = text.AsSpan(start).IndexOfAny(Separators);
            if (length < 0)
            {
                length = text.Length - start;
            }

            if (length > 0)
            {
                CleanToken(buffer, text, start, length);
            }

            start += length + 1;
        }
    }

    private void CleanToken(StringBuilder buffer, string text, int start, int length)
    {
        var token = text.Substring(start, length);
        var core = token.Trim('-', '.', '/', '_', '#', '@', '&', '%');
        if (core.Length == 0)
        {
            return;
        }

        // Punctuation around the token ("2024-01-01." at the end of a sentence) is not part of it and stays.
        var coreStart = start + token.IndexOf(core, StringComparison.Ordinal);

        // An identifier written in groups ("12-34-56", "AB-123-456") is one identifier: its digit groups together.
        var parts = SplitWords(core).ToArray();
        if (values.Words.Contains(core) || parts.Any(values.Words.Contains) || IsDateShaped(core)
            || parts.Where(part => part.All(char.IsAsciiDigit)).Sum(part => part.Length) >= 6)
        {
            Blank(buffer, coreStart, core.Length);
            return;
        }

        var offset = 0;
        foreach (var part in parts)
        {
            offset = core.IndexOf(part, offset, StringComparison.Ordinal);
            if (IsIdentifierShaped(part))
            {
                Blank(buffer, coreStart + offset, part.Length);
            }

            offset += part.Length;
        }
    }

    private static void Blank(StringBuilder buffer, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            buffer[i] = ' ';
        }
    }

    // Collapses the gaps that removed tokens leave: runs of spaces, brackets with nothing in them, separators with
    // nothing between them, separators at either end.
    private static string Tidy(string text)
    {
        var tidy = Spaces().Replace(text, " ");
        string previous;
        do
        {
            previous = tidy;
            tidy = EmptyBrackets().Replace(tidy, " ");
            tidy = RepeatedSeparators().Replace(tidy, "$1");
            tidy = SpaceBeforePunctuation().Replace(tidy, "$1");
            tidy = Spaces().Replace(tidy, " ");
        }
        while (tidy != previous);

        return tidy.Trim(' ', ',', ';', ':', '-', '/', '^', '=', '_');
    }

    [GeneratedRegex(@"^(\d{8}|\d{4}[-./]\d{1,2}([-./]\d{1,2})?|\d{1,2}[-./]\d{1,2}[-./](\d{2}|\d{4})|\d{1,2}[-./]\d{4}|(\d{1,2}[-./]?)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-./]?\d{2,4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"^\d{1,4}[a-z]{1,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MeasurementShape();

    [GeneratedRegex(@"^[a-z]{3,}\d{1,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedStrengthShape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([,;:.!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[(\[{]\s*[,;:./\-]*\s*[)\]}]")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"\s*([,;:/\-])(\s*[,;:/\-])+")]
    private static partial Regex RepeatedSeparators();
}
