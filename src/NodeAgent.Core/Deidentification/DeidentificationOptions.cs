namespace NodeAgent.Core.Deidentification;

/// <summary>
/// Which options of the Application Level Confidentiality Profile (PS3.15 E.3) are applied on top of the Basic
/// Profile, one flag per option column of Table E.1-1, and the site's overrides. A new instance holds the shipped
/// default: Basic Profile + Retain Patient Characteristics + Retain Longitudinal Temporal Information with Modified
/// Dates + Retain Device Identity + Retain Safe Private + Clean Descriptors.
/// </summary>
public sealed record DeidentificationOptions
{
    /// <summary>The shipped default (the values of a new instance).</summary>
    public static DeidentificationOptions Default { get; } = new();

    /// <summary>The Basic Profile with no option.</summary>
    public static DeidentificationOptions BasicProfile { get; } = new()
    {
        RetainSafePrivate = false,
        RetainDeviceIdentity = false,
        RetainPatientCharacteristics = false,
        RetainLongitudinalModifiedDates = false,
        CleanDescriptors = false,
    };

    /// <summary>Keep the private attributes of PS3.15 Table E.3.10-1; every other private attribute is removed.</summary>
    public bool RetainSafePrivate { get; init; } = true;

    /// <summary>Keep UIDs instead of replacing them.</summary>
    public bool RetainUids { get; init; }

    /// <summary>Keep the attributes that identify the device (station name, serial numbers); AE titles are cleaned.</summary>
    public bool RetainDeviceIdentity { get; init; } = true;

    /// <summary>Keep the attributes that identify the institution.</summary>
    public bool RetainInstitutionIdentity { get; init; }

    /// <summary>Keep sex, age, size, weight, ethnic group, smoking and pregnancy status.</summary>
    public bool RetainPatientCharacteristics { get; init; } = true;

    /// <summary>Keep dates and times unchanged. Excludes <see cref="RetainLongitudinalModifiedDates"/>.</summary>
    public bool RetainLongitudinalFullDates { get; init; }

    /// <summary>
    /// Shift dates by a per-patient offset, keeping the intervals between a patient's studies.
    /// Excludes <see cref="RetainLongitudinalFullDates"/>.
    /// </summary>
    public bool RetainLongitudinalModifiedDates { get; init; } = true;

    /// <summary>Keep free-text descriptors after removing identifying tokens, instead of removing them.</summary>
    public bool CleanDescriptors { get; init; } = true;

    /// <summary>Keep structured content (SR content trees, acquisition context) after cleaning it.</summary>
    public bool CleanStructuredContent { get; init; }

    /// <summary>Keep graphics (graphic annotations, overlay comments, curves) after cleaning their text.</summary>
    public bool CleanGraphics { get; init; }

    /// <summary>Site overrides: each replaces the action the table and the options give one standard attribute.</summary>
    public IReadOnlyList<DeidentificationOverride> Overrides { get; init; } = [];

    /// <summary>True when <paramref name="option"/> is selected.</summary>
    public bool IsSelected(ProfileOption option) => option switch
    {
        ProfileOption.RetainSafePrivate => RetainSafePrivate,
        ProfileOption.RetainUids => RetainUids,
        ProfileOption.RetainDeviceIdentity => RetainDeviceIdentity,
        ProfileOption.RetainInstitutionIdentity => RetainInstitutionIdentity,
        ProfileOption.RetainPatientCharacteristics => RetainPatientCharacteristics,
        ProfileOption.RetainLongitudinalFullDates => RetainLongitudinalFullDates,
        ProfileOption.RetainLongitudinalModifiedDates => RetainLongitudinalModifiedDates,
        ProfileOption.CleanDescriptors => CleanDescriptors,
        ProfileOption.CleanStructuredContent => CleanStructuredContent,
        ProfileOption.CleanGraphics => CleanGraphics,
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "Not an option of Table E.1-1."),
    };

    /// <summary>The selected options, in the order of the table's columns.</summary>
    public IReadOnlyList<ProfileOption> SelectedOptions => Enum.GetValues<ProfileOption>().Where(IsSelected).ToArray();

    /// <summary>The reasons these options cannot be applied; empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RetainLongitudinalFullDates && RetainLongitudinalModifiedDates)
        {
            errors.Add("RetainLongitudinalFullDates and RetainLongitudinalModifiedDates exclude each other (PS3.15 E.3.6): choose one.");
        }

        if (Overrides is null)
        {
            errors.Add("Overrides must not be null.");
            return errors;
        }

        var seen = new HashSet<uint>();
        foreach (var entry in Overrides)
        {
            if (entry is null)
            {
                errors.Add("An override is null.");
            }
            else if (entry.Tag.IsPrivate || (entry.Tag.Group & 1) == 1)
            {
                errors.Add($"Override {entry.Tag}: private attributes are addressed by creator, not by tag; only standard attributes can be overridden.");
            }
            else if (entry.Tag.IsGroupLength)
            {
                errors.Add($"Override {entry.Tag}: group length elements are always removed.");
            }
            else if (!Enum.IsDefined(entry.Action))
            {
                errors.Add($"Override {entry.Tag}: {entry.Action} is not an action.");
            }
            else if (!seen.Add(entry.Tag.Value))
            {
                errors.Add($"Override {entry.Tag} is given more than once.");
            }
        }

        return errors;
    }
}
