using NodeAgent.Dicom;
using NodeAgent.Dicom.Dictionary;

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

    /// <summary>
    /// The Basic Profile action with a combined code resolved (see <see cref="ResolveBasic"/>), except that X/Z on a
    /// sequence gives X (remove) unless the sequence is one that common IODs make Type 2 (see
    /// <see cref="IsType2Sequence"/>). A zero-item sequence is legal for Type 2 and 3 (PS3.5 7.4.6), but where the
    /// module says "one or more Items shall be included", as it does for the Type 3 Referenced Study Sequence of the
    /// General Study Module, a present empty sequence is read as breaking that rule (dciodvfy: "Bad Sequence number
    /// of Items 0"), while an absent Type 3 attribute is always valid. X/Z means "X unless Z is required" (Table
    /// E.1-1a), so X is the table's own first choice; Z is kept only where it is known to be required.
    /// </summary>
    public DeidentificationAction BasicAction =>
        BasicProfile == "X/Z" && !IsRepeating && !IsPrivateAttributes
            && DicomDictionary.Find(Tag)?.DefaultVR == DicomVR.SQ && !IsType2Sequence(Tag)
            ? DeidentificationAction.Remove
            : ResolveBasic(BasicProfile);

    /// <summary>True when the row applies to <paramref name="tag"/>.</summary>
    public bool Matches(DicomTag tag) =>
        IsPrivateAttributes ? tag.IsPrivate : !tag.IsPrivate && (tag.Value & MaskBits) == Tag.Value;

    /// <summary>
    /// True for the X/Z sequences of Table E.1-1 that an IOD in common use makes Type 2, so that X would break it:
    /// Acquisition Context Sequence (0040,0555), Type 2 in the Acquisition Context Module (PS3.3 C.7.6.14) of the
    /// enhanced image, waveform and SR IODs. The only other X/Z sequence of the 2026d table, Referenced Study Sequence
    /// (0008,1110), is Type 3 in the General Study Module of every composite IOD (Type 2 only in Modality Worklist
    /// and MPPS, which are not stored instances). The engine does not know the IOD's Type per attribute; this list is
    /// the data that stands in for it, and is to be reviewed when the table is regenerated.
    /// </summary>
    public static bool IsType2Sequence(DicomTag tag) => tag == DicomTags.AcquisitionContextSequence;

    /// <summary>
    /// Resolves an action code of Table E.1-1a to one action. The combined codes leave the choice to the IOD's
    /// Type for the attribute, which one table for every IOD cannot know; the engine takes the reading that keeps
    /// any IOD valid, since the weaker action is only allowed where the IOD does not need the stronger one:
    /// X/Z gives Z (an empty value where present, valid for Type 2 and 3; for most sequences <see cref="BasicAction"/>
    /// takes X instead); X/D, Z/D and X/Z/D give D (a dummy
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
