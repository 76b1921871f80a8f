using System.Globalization;
using NodeAgent.Dicom;
using NodeAgent.Dicom.Dictionary;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// A site's replacement for the action of one standard attribute (DESIGN decision 4: overrides are configuration).
/// It applies wherever the attribute appears, in every sequence item, in place of what the table and the options
/// give. Private attributes cannot be overridden by tag: their block number is chosen per file by the writer.
/// </summary>
/// <param name="Tag">The standard attribute.</param>
/// <param name="Action">The action to apply to it.</param>
public sealed record DeidentificationOverride(DicomTag Tag, DeidentificationAction Action)
{
    /// <summary>
    /// Parses configuration text: the tag as "(gggg,eeee)", "gggg,eeee", "ggggeeee" or a PS3.6 keyword such as
    /// "StudyDescription"; the action as a code of Table E.1-1a (K, X, Z, D, C, U) or a
    /// <see cref="DeidentificationAction"/> name.
    /// </summary>
    /// <exception cref="FormatException">The tag or the action is not recognised.</exception>
    public static DeidentificationOverride Parse(string tag, string action)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(action);
        return new DeidentificationOverride(ParseTag(tag.Trim()), ParseAction(action.Trim()));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Tag} {Action}");

    private static DicomTag ParseTag(string text)
    {
        if (text.Length > 0 && char.IsAsciiLetter(text[0]) && !IsHex(text))
        {
            return DicomDictionary.Find(text) is { IsRepeating: false } entry
                ? entry.Tag
                : throw new FormatException($"'{text}' is not a keyword of the DICOM dictionary.");
        }

        return DicomTag.Parse(text);
    }

    private static bool IsHex(string text) => text.Length == 8 && text.All(char.IsAsciiHexDigit);

    private static DeidentificationAction ParseAction(string text) => text.ToUpperInvariant() switch
    {
        "K" or "KEEP" => DeidentificationAction.Keep,
        "X" or "REMOVE" => DeidentificationAction.Remove,
        "Z" or "EMPTY" => DeidentificationAction.Empty,
        "D" or "DUMMY" => DeidentificationAction.Dummy,
        "C" or "CLEAN" => DeidentificationAction.Clean,
        "U" or "REPLACEUID" => DeidentificationAction.ReplaceUid,
        _ => throw new FormatException($"'{text}' is not a de-identification action; use K, X, Z, D, C or U."),
    };
}
