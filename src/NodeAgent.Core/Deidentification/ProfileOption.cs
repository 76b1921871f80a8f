namespace NodeAgent.Core.Deidentification;

/// <summary>
/// The option columns of PS3.15 Table E.1-1 (the Application Level Confidentiality Profile Options of PS3.15 E.3),
/// in the table's order. The Clean Pixel Data and Clean Recognizable Visual Features options have no column: they
/// are decided per object, not per attribute.
/// </summary>
public enum ProfileOption
{
    /// <summary>Retain Safe Private Option (PS3.15 E.3.10).</summary>
    RetainSafePrivate,

    /// <summary>Retain UIDs Option (PS3.15 E.3.9).</summary>
    RetainUids,

    /// <summary>Retain Device Identity Option (PS3.15 E.3.8).</summary>
    RetainDeviceIdentity,

    /// <summary>Retain Institution Identity Option (PS3.15 E.3.11).</summary>
    RetainInstitutionIdentity,

    /// <summary>Retain Patient Characteristics Option (PS3.15 E.3.7).</summary>
    RetainPatientCharacteristics,

    /// <summary>Retain Longitudinal Temporal Information with Full Dates Option (PS3.15 E.3.6).</summary>
    RetainLongitudinalFullDates,

    /// <summary>Retain Longitudinal Temporal Information with Modified Dates Option (PS3.15 E.3.6).</summary>
    RetainLongitudinalModifiedDates,

    /// <summary>Clean Descriptors Option (PS3.15 E.3.5).</summary>
    CleanDescriptors,

    /// <summary>Clean Structured Content Option (PS3.15 E.3.4).</summary>
    CleanStructuredContent,

    /// <summary>Clean Graphics Option (PS3.15 E.3.3).</summary>
    CleanGraphics,
}
