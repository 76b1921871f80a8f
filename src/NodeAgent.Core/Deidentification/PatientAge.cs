using System.Globalization;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// Patient's Age (0010,1010) from the birth date and the date of the study, computed before the Basic Profile
/// removes both, so the Retain Patient Characteristics Option can keep the age even when the modality did not send it.
/// </summary>
internal static class PatientAge
{
    // The dates an age refers to, in order of preference: the study's, then the series', acquisition's, content's.
    private static readonly DicomTag[] ReferenceDates =
        [DicomTags.StudyDate, DicomTags.SeriesDate, DicomTags.AcquisitionDate, DicomTags.ContentDate];

    /// <summary>True when the value is an AS value nnnD, nnnW, nnnM or nnnY (PS3.5 Table 6.2-1).</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 4 } && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) && char.IsAsciiDigit(value[2])
        && value[3] is 'D' or 'W' or 'M' or 'Y';

    /// <summary>The age from the data set's own dates, or null when a date is missing or malformed.</summary>
    public static string? FromDataset(DicomDataset dataset)
    {
        var birth = TryDate(dataset, DicomTags.PatientBirthDate);
        if (birth is null)
        {
            return null;
        }

        foreach (var tag in ReferenceDates)
        {
            if (TryDate(dataset, tag) is { } reference)
            {
                return Compute(birth.Value, reference);
            }
        }

        return null;
    }

    /// <summary>
    /// The age on <paramref name="reference"/> as AS: years from 2 years on ("045Y"), months below that ("018M"),
    /// weeks below a month ("003W"), days below a week ("005D"); null when the reference precedes the birth.
    /// </summary>
    public static string? Compute(DateOnly birth, DateOnly reference)
    {
        if (reference < birth)
        {
            return null;
        }

        var years = reference.Year - birth.Year - (reference < birth.AddYears(reference.Year - birth.Year) ? 1 : 0);
        if (years >= 2)
        {
            return Format(Math.Min(years, 999), 'Y');
        }

        var months = ((reference.Year - birth.Year) * 12) + reference.Month - birth.Month - (reference.Day < birth.Day ? 1 : 0);
        if (months >= 1)
        {
            return Format(months, 'M');
        }

        var days = reference.DayNumber - birth.DayNumber;
        return days >= 7 ? Format(days / 7, 'W') : Format(days, 'D');
    }

    private static string Format(int value, char unit) =>
        value.ToString("000", CultureInfo.InvariantCulture) + unit;

    private static DateOnly? TryDate(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetDate(tag);
        }
        catch (DicomValueException)
        {
            return null;
        }
    }
}
