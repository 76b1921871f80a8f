namespace NodeAgent.Core.Index;

/// <summary>
/// How likely the pixel data carries burned-in text (names, dates, identifiers), which pseudonymising the header
/// does not remove (PS3.15 Annex E, Clean Pixel Data Option).
/// </summary>
public enum BurnedInAnnotationRisk
{
    /// <summary>Burned In Annotation (0028,0301) is NO, or it is absent and nothing about the object suggests text.</summary>
    Low = 0,

    /// <summary>
    /// Burned In Annotation is absent, but the modality or SOP class is one whose images commonly carry burned-in text
    /// (ultrasound, secondary capture, photographs, scanned documents, projection radiographs).
    /// </summary>
    Possible = 1,

    /// <summary>Burned In Annotation (0028,0301) is YES.</summary>
    High = 2,
}
