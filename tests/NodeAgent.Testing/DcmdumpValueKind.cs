namespace NodeAgent.Testing;

/// <summary>How dcmdump printed a value.</summary>
public enum DcmdumpValueKind
{
    /// <summary>A string value in brackets, <c>[...]</c> (all string VRs, and UIDs with <c>-Un</c> or not well known).</summary>
    Text,

    /// <summary>A well-known UID printed as its name, <c>=CTImageStorage</c> (the default <c>+Un</c>).</summary>
    UidName,

    /// <summary>A bare value: numbers (<c>1\2</c>), attribute tags (<c>(0020,0032)</c>), or bytes and words in hexadecimal (<c>00\01</c>).</summary>
    Plain,

    /// <summary>A zero-length value, <c>(no value available)</c>.</summary>
    Empty,

    /// <summary>A value left unread with <c>-M</c>/<c>+R</c>, <c>(not loaded)</c>.</summary>
    NotLoaded,

    /// <summary>The description of a sequence, item, pixel sequence or delimiter, such as <c>(Sequence with explicit length #=2)</c>.</summary>
    Structure,
}
