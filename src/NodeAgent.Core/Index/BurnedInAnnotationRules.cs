namespace NodeAgent.Core.Index;

/// <summary>
/// Classifies the risk of burned-in text. Burned In Annotation (0028,0301) decides when it is YES or NO; when it is
/// absent (it is Type 3 in most IODs, so usually absent) the modality and SOP class decide.
/// </summary>
internal static class BurnedInAnnotationRules
{
    // Modalities whose images commonly carry burned-in text: ultrasound and intravascular ultrasound screens,
    // endoscopy and external-camera photographs, microscopy and ophthalmic photographs with labels, secondary
    // captures and scanned documents, and projection radiography (CR/DX/XA/RF consoles and older digitisers burn
    // patient names and markers into the pixels). Mammography's laterality markers are not identifying, so MG is
    // left out.
    private static readonly HashSet<string> RiskyModalities = new(StringComparer.Ordinal)
    {
        "US", "IVUS", "ES", "XC", "GM", "SM", "OP", "SC", "OT", "DOC", "CR", "DX", "XA", "RF",
    };

    // SOP classes whose objects are screen captures, photographs or documents, whatever modality they claim
    // (PS3.4 Annex B; retired ultrasound classes included, old devices still send them).
    private static readonly HashSet<string> RiskySopClasses = new(StringComparer.Ordinal)
    {
        "1.2.840.10008.5.1.4.1.1.3", // Ultrasound Multi-frame Image Storage (retired)
        "1.2.840.10008.5.1.4.1.1.3.1", // Ultrasound Multi-frame Image Storage
        "1.2.840.10008.5.1.4.1.1.6", // Ultrasound Image Storage (retired)
        "1.2.840.10008.5.1.4.1.1.6.1", // Ultrasound Image Storage
        "1.2.840.10008.5.1.4.1.1.7", // Secondary Capture Image Storage
        "1.2.840.10008.5.1.4.1.1.7.1", // Multi-frame Single Bit Secondary Capture Image Storage
        "1.2.840.10008.5.1.4.1.1.7.2", // Multi-frame Grayscale Byte Secondary Capture Image Storage
        "1.2.840.10008.5.1.4.1.1.7.3", // Multi-frame Grayscale Word Secondary Capture Image Storage
        "1.2.840.10008.5.1.4.1.1.7.4", // Multi-frame True Color Secondary Capture Image Storage
        "1.2.840.10008.5.1.4.1.1.104.1", // Encapsulated PDF Storage
        "1.2.840.10008.5.1.4.1.1.104.2", // Encapsulated CDA Storage
    };

    // Visible light (1.2.840.10008.5.1.4.1.1.77.1.x): endoscopy, microscopy, photography, ophthalmic photography.
    private const string VisibleLightPrefix = "1.2.840.10008.5.1.4.1.1.77.1.";

    public static BurnedInAnnotationRisk Classify(string? burnedInAnnotation, string? modality, string? sopClassUid)
    {
        switch (DimensionText.Upper(burnedInAnnotation))
        {
            case "YES":
                return BurnedInAnnotationRisk.High;
            case "NO":
                return BurnedInAnnotationRisk.Low;
        }

        if (modality is not null && RiskyModalities.Contains(modality))
        {
            return BurnedInAnnotationRisk.Possible;
        }

        if (sopClassUid is not null
            && (RiskySopClasses.Contains(sopClassUid) || sopClassUid.StartsWith(VisibleLightPrefix, StringComparison.Ordinal)))
        {
            return BurnedInAnnotationRisk.Possible;
        }

        return BurnedInAnnotationRisk.Low;
    }
}
