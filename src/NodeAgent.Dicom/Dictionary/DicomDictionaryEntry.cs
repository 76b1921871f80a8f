namespace NodeAgent.Dicom.Dictionary;

/// <summary>One data element of the DICOM data dictionary (PS3.6), or of a private dictionary.</summary>
/// <param name="Tag">
/// The element's tag; for a repeating group the tag with its varying digits zeroed, e.g. (6000,3000) for (60xx,3000).
/// </param>
/// <param name="MaskBits">
/// The bits of a tag that must equal <paramref name="Tag"/> for the entry to apply: 0xFFFFFFFF for a single element,
/// 0xFF00FFFF for (60xx,3000). A tag matches when <c>(tag &amp; MaskBits) == Tag</c>.
/// </param>
/// <param name="ValueRepresentations">
/// The VRs the element may have, in the dictionary's order ("US or SS" gives US then SS); empty for items and
/// delimiters (FFFE,E000/E00D/E0DD), which have no VR (PS3.5 §7.5).
/// </param>
/// <param name="ValueMultiplicity">The value multiplicity as PS3.6 writes it: "1", "1-n", "2-2n", ….</param>
/// <param name="Keyword">The keyword, e.g. "PatientName"; empty where PS3.6 gives none and for private elements.</param>
/// <param name="Name">The element's name, e.g. "Patient's Name".</param>
/// <param name="IsRetired">True when the standard has retired the element.</param>
public sealed record DicomDictionaryEntry(
    DicomTag Tag,
    uint MaskBits,
    IReadOnlyList<DicomVR> ValueRepresentations,
    string ValueMultiplicity,
    string Keyword,
    string Name,
    bool IsRetired)
{
    /// <summary>The first VR alternative, or UN for items and delimiters, which have none.</summary>
    public DicomVR DefaultVR => ValueRepresentations.Count > 0 ? ValueRepresentations[0] : DicomVR.UN;

    /// <summary>True when the entry covers more than one tag (a repeating group, or a private block).</summary>
    public bool IsRepeating => MaskBits != uint.MaxValue;

    /// <summary>True when <paramref name="tag"/> is one the entry covers.</summary>
    public bool Matches(DicomTag tag) => (tag.Value & MaskBits) == Tag.Value;
}
