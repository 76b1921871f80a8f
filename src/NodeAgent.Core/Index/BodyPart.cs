namespace NodeAgent.Core.Index;

/// <summary>
/// The body part of an instance, standardised to a concept of DICOM CID 4031 (Common Anatomic Regions), or
/// <see cref="UnknownCode"/> when the mapping table knows neither the free text nor the code the instance carries.
/// </summary>
/// <param name="Code">The code value (a SNOMED CT concept id for SCT), or <see cref="UnknownCode"/>.</param>
/// <param name="Scheme">The coding scheme designator (SCT, or DCM for the phantom); null when unknown.</param>
/// <param name="Meaning">The code meaning; null when unknown.</param>
/// <param name="Text">
/// What the instance said, normalised (upper case, trimmed, inner white space collapsed): Body Part Examined
/// (0018,0015), or the Code Meaning of the Anatomic Region Sequence (0008,2218) when there was no free text.
/// Null when the instance said nothing.
/// </param>
public sealed record BodyPart(string Code, string? Scheme, string? Meaning, string? Text)
{
    /// <summary>The code of a body part the mapping table does not know.</summary>
    public const string UnknownCode = "UNKNOWN";

    /// <summary>True when the body part was mapped to a code.</summary>
    public bool IsKnown => Code != UnknownCode;

    /// <summary>An unknown body part, keeping the instance's own text.</summary>
    public static BodyPart Unknown(string? text) => new(UnknownCode, null, null, text);
}
