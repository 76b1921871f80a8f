namespace NodeAgent.Core.Deidentification;

/// <summary>
/// What happens to an attribute: the single action codes of PS3.15 Table E.1-1a. The combined codes of the table
/// (Z/D, X/Z, X/D, X/Z/D, X/Z/U*) are resolved to one of these (see <see cref="ProfileAttribute.ResolveBasic"/>).
/// </summary>
public enum DeidentificationAction
{
    /// <summary>K: keep; a kept sequence still has its items de-identified.</summary>
    Keep,

    /// <summary>X: remove the attribute (a sequence with all its items).</summary>
    Remove,

    /// <summary>Z: replace with a zero-length value (a sequence with no items).</summary>
    Empty,

    /// <summary>
    /// D: replace with a non-zero-length dummy value consistent with the VR; a sequence keeps its items, de-identified,
    /// with the text and UIDs that the table does not list replaced too.
    /// </summary>
    Dummy,

    /// <summary>C: clean, that is replace with values of similar meaning that do not identify.</summary>
    Clean,

    /// <summary>U: replace each UID with a keyed one, consistently across instances.</summary>
    ReplaceUid,
}
