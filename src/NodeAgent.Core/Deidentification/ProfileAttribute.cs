using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>One row of PS3.15 Table E.1-1: an attribute, its Basic Profile action and the action of each option.</summary>
/// <param name="Tag">The attribute's tag; for a repeating group the tag with its varying digits zeroed.</param>
/// <param name="MaskBits">
/// The bits of a tag that must equal <paramref name="Tag"/> for the row to apply: 0xFFFFFFFF for one attribute,
/// 0xFF00FFFF for (60xx,3000), 0xFF000000 for (50xx,xxxx); 0 for the row of all private attributes.
/// </param>
/// <param name="Name">The attribute's name as Table E.1-1 gives it.</param>
/// <param name="IsRetired">True when PS3.6 has retired the attribute.</param>
/// <param name="BasicProfile">The Basic Profile action code as the table writes it, e.g. "X/Z/D".</param>
/// <param name="Options">The action of each option column that gives one (always K or C in the 2026d table).</param>
public sealed record ProfileAttribute(
    DicomTag Tag,
    uint MaskBits,
    string Name,
    bool IsRetired,
    string BasicProfile,
    IReadOnlyDictionary<ProfileOption, DeidentificationAction> Options)
{
    /// <summary>True for the row "(gggg,eeee) where gggg is odd", which covers every private attribute.</summary>
    public bool IsPrivateAttributes => MaskBits == 0;

    /// <summary>True when the row covers more than one tag: (50xx,xxxx), (60xx,3000), (60xx,4000).</summary>
    public bool IsRepeating => MaskBits is not (0 or uint.MaxValue);

    /// <summary>The Basic Profile action with a combined code resolved (see <see cref="ResolveBasic"/>).</summary>
    public DeidentificationAction BasicAction => ResolveBasic(BasicProfile);

    /// <summary>True when the row applies to <paramref name="tag"/>.</summary>
    public bool Matches(DicomTag tag) =>
        IsPrivateAttributes ? tag.IsPrivate : !tag.IsPrivate && (tag.Value & MaskBits) == Tag.Value;

    /// <summary>
    /// Resolves an action code of Table E.1-1a to one action. The combined codes leave the choice to the IOD's
    /// Type for the attribute, which one table for every IOD cannot know; the engine takes the reading that keeps
    /// any IOD valid, since the weaker action is only allowed where the IOD does not need the stronger one:
    /// X/Z gives Z (an empty value where present, valid for Type 2 and 3); X/D, Z/D and X/Z/D give D (a dummy
    /// value, valid for Type 1, 2 and 3); X/Z/U* gives U (the sequence is kept and the UIDs it holds are replaced,
    /// valid for Type 1 sequences of references). None of these keeps an original value.
    /// </summary>
    /// <exception cref="FormatException">The code is not one of Table E.1-1a.</exception>
    public static DeidentificationAction ResolveBasic(string code) => code switch
    {
        "K" => DeidentificationAction.Keep,
        "X" => DeidentificationAction.Remove,
        "Z" or "X/Z" => DeidentificationAction.Empty,
        "D" or "X/D" or "Z/D" or "X/Z/D" => DeidentificationAction.Dummy,
        "C" => DeidentificationAction.Clean,
        "U" or "X/Z/U*" => DeidentificationAction.ReplaceUid,
        _ => throw new FormatException($"'{code}' is not an action code of PS3.15 Table E.1-1a."),
    };
}
