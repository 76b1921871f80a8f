using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// Keyed pseudonyms (DESIGN decision 3): HMAC-SHA256 under the site secret of the original identifier, so the same
/// patient, UID or AE title always maps to the same replacement, across instances, studies and restarts, and the
/// hospital can recompute a pseudonym from a patient ID with no lookup table stored. Without the secret the
/// replacements cannot be linked back. Thread-safe.
/// </summary>
public sealed class Pseudonyms
{
    /// <summary>The shortest secret accepted, in bytes (128 bits); 32 random bytes are recommended.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>The longest site prefix accepted.</summary>
    public const int MaximumPrefixLength = 24;

    /// <summary>The largest (least negative) date shift, in days.</summary>
    public const int MaximumDateShiftDays = -365;

    /// <summary>The smallest (most negative) date shift, in days.</summary>
    public const int MinimumDateShiftDays = -3650;

    // 10 bytes of the HMAC are 80 bits: 16 Base32 characters, enough that a site of millions of patients has no
    // collision in practice (birthday bound about 10^12 patients).
    private const int PseudonymBytes = 10;

    // An AE title is at most 16 characters (PS3.5 Table 6.2-1): a 2-character marker and 14 Base32 characters.
    private const string AePrefix = "AE";
    private const int AeCharacters = 14;

    private readonly byte[] _secret;

    /// <summary>Creates the pseudonym source for a site.</summary>
    /// <param name="secret">The site secret; copied.</param>
    /// <param name="sitePrefix">
    /// Put in front of every patient pseudonym so a pseudonym names its site, e.g. "UKB-": letters, digits, '-', '_'
    /// or '.', at most <see cref="MaximumPrefixLength"/> characters; may be empty.
    /// </param>
    /// <exception cref="ArgumentException">The secret is too short or the prefix is not allowed.</exception>
    public Pseudonyms(ReadOnlySpan<byte> secret, string sitePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(sitePrefix);
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"The site secret must be at least {MinimumSecretLength} bytes; it is {secret.Length}.", nameof(secret));
        }

        if (sitePrefix.Length > MaximumPrefixLength || !sitePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException(
                $"The site prefix must be at most {MaximumPrefixLength} ASCII letters, digits, '-', '_' or '.'.", nameof(sitePrefix));
        }

        _secret = secret.ToArray();
        SitePrefix = sitePrefix;
    }

    /// <summary>The prefix of every patient pseudonym.</summary>
    public string SitePrefix { get; }

    /// <summary>
    /// The patient's pseudonym: the site prefix and the first 80 bits of HMAC(secret, "patient|" + length of the
    /// issuer + "|" + issuer + "|" + patient ID) in Crockford Base32, 16 characters. It replaces both Patient ID and
    /// Patient's Name. Leading and trailing spaces (value padding) are ignored; case is significant.
    /// </summary>
    /// <param name="issuer">Issuer of Patient ID (0010,0021); null or empty when the data carries none.</param>
    /// <param name="patientId">Patient ID (0010,0020).</param>
    public string PatientPseudonym(string? issuer, string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return Pseudonym(PatientKey("patient", issuer, patientId));
    }

    /// <summary>
    /// The patient's date shift: a whole number of days from <see cref="MinimumDateShiftDays"/> to
    /// <see cref="MaximumDateShiftDays"/>, taken from HMAC(secret, "dateshift|" + issuer + patient ID as for
    /// <see cref="PatientPseudonym"/>). Every date of the patient moves by the same amount, so intervals between
    /// the patient's studies are kept; always into the past, so a shifted date is never in the future.
    /// </summary>
    public int DateShiftDays(string? issuer, string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return DateShift(PatientKey("dateshift", issuer, patientId));
    }

    /// <summary>
    /// The replacement of a UID: a 2.25 UID derived from HMAC(secret, "uid|" + UID) (<see cref="DicomUid.FromKey"/>),
    /// so a reference to an instance, series, study or frame of reference resolves to the same replacement as the
    /// referenced UID itself. Trailing padding is ignored.
    /// </summary>
    public string Uid(string originalUid)
    {
        ArgumentNullException.ThrowIfNull(originalUid);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac("uid|" + originalUid.Trim(' ', '\0'), mac);
        return DicomUid.FromKey(mac);
    }

    /// <summary>
    /// The replacement of an AE title (the Retain Device Identity Option cleans AE titles, PS3.15 E.3.8): "AE" and
    /// 14 Base32 characters of HMAC(secret, "ae|" + title), so one device keeps one title that names nothing.
    /// </summary>
    public string ApplicationEntityTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac("ae|" + title.Trim(' ', '\0'), mac);
        return AePrefix + CrockfordBase32.Encode(mac[..9])[..AeCharacters];
    }

    /// <summary>
    /// The pseudonym and date shift of a patient whose data carry no Patient ID: keyed on the study (with their own
    /// key purposes, so they cannot equal any patient's), so patients without an ID are not merged into one
    /// pseudonym; such a patient's studies cannot be linked.
    /// </summary>
    internal (string Pseudonym, int DateShiftDays) ForPatientWithoutId(string studyInstanceUid) =>
        (Pseudonym(PatientKey("patient-without-id", null, studyInstanceUid)),
         DateShift(PatientKey("dateshift-without-id", null, studyInstanceUid)));

    private string Pseudonym(string key)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(key, mac);
        return SitePrefix + CrockfordBase32.Encode(mac[..PseudonymBytes]);
    }

    private int DateShift(string key)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(key, mac);
        const uint range = MaximumDateShiftDays - MinimumDateShiftDays + 1;
        return MaximumDateShiftDays - (int)(BinaryPrimitives.ReadUInt32BigEndian(mac) % range);
    }

    // The issuer is length-prefixed so that no (issuer, ID) pair can produce the key of another: "A|B" + "C" and
    // "A" + "B|C" differ.
    private static string PatientKey(string purpose, string? issuer, string patientId)
    {
        var trimmedIssuer = (issuer ?? string.Empty).Trim(' ', '\0');
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{purpose}|{trimmedIssuer.Length}|{trimmedIssuer}|{patientId.Trim(' ', '\0')}");
    }

    private void Mac(string text, Span<byte> destination)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        HMACSHA256.HashData(_secret, bytes, destination);
    }
}
