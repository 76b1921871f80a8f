namespace NodeAgent.Core.Deidentification;

/// <summary>A coded concept as a Code Sequence item carries it (PS3.3 Table 8.8-1): value, scheme and meaning.</summary>
/// <param name="CodeValue">Code Value (0008,0100).</param>
/// <param name="CodingSchemeDesignator">Coding Scheme Designator (0008,0102).</param>
/// <param name="CodeMeaning">Code Meaning (0008,0104).</param>
public sealed record CodedConcept(string CodeValue, string CodingSchemeDesignator, string CodeMeaning);
