using NodeAgent.Core.Deidentification;

namespace NodeAgent.Configuration;

/// <summary>
/// The de-identification profile and the pseudonyms' site prefix: section NodeAgent:Deidentification. The option flags
/// are those of <see cref="DeidentificationOptions"/> (PS3.15 Table E.1-1 option columns), with the same defaults.
/// </summary>
public sealed class DeidentificationProfileOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Deidentification";

    /// <summary>Put in front of every patient pseudonym, e.g. "UKB-"; letters, digits, '-', '_', '.'; at most 24.</summary>
    public string SitePrefix { get; set; } = "";

    /// <summary>Retain Safe Private Option.</summary>
    public bool RetainSafePrivate { get; set; } = DeidentificationOptions.Default.RetainSafePrivate;

    /// <summary>Retain UIDs Option.</summary>
    public bool RetainUids { get; set; } = DeidentificationOptions.Default.RetainUids;

    /// <summary>Retain Device Identity Option.</summary>
    public bool RetainDeviceIdentity { get; set; } = DeidentificationOptions.Default.RetainDeviceIdentity;

    /// <summary>Retain Institution Identity Option.</summary>
    public bool RetainInstitutionIdentity { get; set; } = DeidentificationOptions.Default.RetainInstitutionIdentity;

    /// <summary>Retain Patient Characteristics Option.</summary>
    public bool RetainPatientCharacteristics { get; set; } = DeidentificationOptions.Default.RetainPatientCharacteristics;

    /// <summary>Retain Longitudinal Temporal Information with Full Dates Option.</summary>
    public bool RetainLongitudinalFullDates { get; set; } = DeidentificationOptions.Default.RetainLongitudinalFullDates;

    /// <summary>Retain Longitudinal Temporal Information with Modified Dates Option.</summary>
    public bool RetainLongitudinalModifiedDates { get; set; } = DeidentificationOptions.Default.RetainLongitudinalModifiedDates;

    /// <summary>Clean Descriptors Option.</summary>
    public bool CleanDescriptors { get; set; } = DeidentificationOptions.Default.CleanDescriptors;

    /// <summary>Clean Structured Content Option.</summary>
    public bool CleanStructuredContent { get; set; } = DeidentificationOptions.Default.CleanStructuredContent;

    /// <summary>Clean Graphics Option.</summary>
    public bool CleanGraphics { get; set; } = DeidentificationOptions.Default.CleanGraphics;

    /// <summary>Site overrides of single standard attributes.</summary>
    public List<DeidentificationOverrideOptions> Overrides { get; set; } = [];

    /// <summary>The engine's options.</summary>
    /// <exception cref="FormatException">An override's tag or action is not recognised (the validator reports it first).</exception>
    public DeidentificationOptions ToEngineOptions() => new()
    {
        RetainSafePrivate = RetainSafePrivate,
        RetainUids = RetainUids,
        RetainDeviceIdentity = RetainDeviceIdentity,
        RetainInstitutionIdentity = RetainInstitutionIdentity,
        RetainPatientCharacteristics = RetainPatientCharacteristics,
        RetainLongitudinalFullDates = RetainLongitudinalFullDates,
        RetainLongitudinalModifiedDates = RetainLongitudinalModifiedDates,
        CleanDescriptors = CleanDescriptors,
        CleanStructuredContent = CleanStructuredContent,
        CleanGraphics = CleanGraphics,
        Overrides = Overrides.Select(o => DeidentificationOverride.Parse(o.Tag, o.Action)).ToList(),
    };
}
