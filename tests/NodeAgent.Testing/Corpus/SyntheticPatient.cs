namespace NodeAgent.Testing.Corpus;

/// <summary>The identity of a made-up patient: every value here must be gone from what the node stores.</summary>
/// <param name="PatientId">Patient ID (0010,0020).</param>
/// <param name="Issuer">Issuer of Patient ID (0010,0021).</param>
/// <param name="FamilyName">Family name; distinctive enough that finding it anywhere means it leaked.</param>
/// <param name="GivenName">Given name, likewise distinctive.</param>
/// <param name="BirthDate">Patient's Birth Date (0010,0030), YYYYMMDD.</param>
/// <param name="Sex">Patient's Sex (0010,0040).</param>
public sealed record SyntheticPatient(string PatientId, string Issuer, string FamilyName, string GivenName, string BirthDate, string Sex = "F")
{
    /// <summary>The Person Name value: family^given.</summary>
    public string PersonName => $"{FamilyName}^{GivenName}";

    /// <summary>The birth date as ISO 8601 (YYYY-MM-DD), the shape a database or a log would write it in.</summary>
    public string IsoBirthDate => $"{BirthDate[..4]}-{BirthDate[4..6]}-{BirthDate[6..]}";

    /// <summary>A patient with values derived from <paramref name="number"/>, distinct from every other number's.</summary>
    public static SyntheticPatient Numbered(int number) => new(
        $"PID-{7731 + number}-XQ",
        "HOSPITAL-A",
        $"Doejohnson{(char)('a' + (number % 26))}",
        $"Marguerite{(char)('a' + (number % 26))}",
        $"19{70 + (number % 29):D2}03{10 + (number % 18):D2}",
        number % 2 == 0 ? "F" : "M");
}
