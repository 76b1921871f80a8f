namespace NodeAgent.Core.Deidentification;

/// <summary>
/// The codes of CID 7050 "De-identification Method" (PS3.16), scheme DCM, that De-identification Method Code
/// Sequence (0012,0064) carries to say which profile and options were applied (PS3.15 E.1.1).
/// </summary>
public static class DeidentificationMethodCodes
{
    private const string Dcm = "DCM";

    /// <summary>113100 Basic Application Confidentiality Profile.</summary>
    public static CodedConcept BasicProfile { get; } = new("113100", Dcm, "Basic Application Confidentiality Profile");

    /// <summary>113101 Clean Pixel Data Option (not applied by NodeAgent: pixels are never changed).</summary>
    public static CodedConcept CleanPixelData { get; } = new("113101", Dcm, "Clean Pixel Data Option");

    /// <summary>113102 Clean Recognizable Visual Features Option (not applied by NodeAgent).</summary>
    public static CodedConcept CleanRecognizableVisualFeatures { get; } = new("113102", Dcm, "Clean Recognizable Visual Features Option");

    /// <summary>The code of an option column of Table E.1-1.</summary>
    public static CodedConcept For(ProfileOption option) => option switch
    {
        ProfileOption.CleanGraphics => new("113103", Dcm, "Clean Graphics Option"),
        ProfileOption.CleanStructuredContent => new("113104", Dcm, "Clean Structured Content Option"),
        ProfileOption.CleanDescriptors => new("113105", Dcm, "Clean Descriptors Option"),
        ProfileOption.RetainLongitudinalFullDates => new("113106", Dcm, "Retain Longitudinal Temporal Information Full Dates Option"),
        ProfileOption.RetainLongitudinalModifiedDates => new("113107", Dcm, "Retain Longitudinal Temporal Information Modified Dates Option"),
        ProfileOption.RetainPatientCharacteristics => new("113108", Dcm, "Retain Patient Characteristics Option"),
        ProfileOption.RetainDeviceIdentity => new("113109", Dcm, "Retain Device Identity Option"),
        ProfileOption.RetainUids => new("113110", Dcm, "Retain UIDs Option"),
        ProfileOption.RetainSafePrivate => new("113111", Dcm, "Retain Safe Private Option"),
        ProfileOption.RetainInstitutionIdentity => new("113112", Dcm, "Retain Institution Identity Option"),
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "Not an option of Table E.1-1."),
    };

    /// <summary>The codes of the Basic Profile and of each selected option, in code order.</summary>
    public static IReadOnlyList<CodedConcept> For(DeidentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [BasicProfile, .. options.SelectedOptions.Select(For).OrderBy(code => code.CodeValue, StringComparer.Ordinal)];
    }
}
