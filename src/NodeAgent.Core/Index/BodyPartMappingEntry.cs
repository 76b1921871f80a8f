namespace NodeAgent.Core.Index;

/// <summary>One row of <c>config/body-part-mapping.json</c>, as it is read.</summary>
internal sealed class BodyPartMappingEntry
{
    /// <summary>Free-text terms (Body Part Examined values, synonyms) that mean this body part.</summary>
    public string[]? Match { get; set; }

    /// <summary>The code value of the concept (a SNOMED CT concept id).</summary>
    public string? Code { get; set; }

    /// <summary>The code meaning.</summary>
    public string? Meaning { get; set; }

    /// <summary>The coding scheme designator, SCT unless told otherwise.</summary>
    public string? Scheme { get; set; }

    /// <summary>
    /// Other codes of the same concept that instances still carry: codes of earlier editions of CID 4031 that
    /// SNOMED CT has since inactivated, and SNOMED RT (SRT, SNM3) codes such as T-D3000.
    /// </summary>
    public string[]? AlternateCodes { get; set; }
}
