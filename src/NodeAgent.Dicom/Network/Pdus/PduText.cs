using System.Text;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The character fields of the association PDUs: AE titles, UIDs and the implementation version name.</summary>
internal static class PduText
{
    /// <summary>The longest implementation version name (PS3.7 §D.3.3.2.3).</summary>
    public const int MaxVersionNameLength = 16;

    // Spaces pad AE titles (PS3.5 §6.2: leading and trailing spaces are not significant); some peers pad UIDs to even
    // length with a NUL (PS3.5 §9.1) or fill AE titles with NULs. None of these is part of the value.
    private static readonly char[] Padding = [' ', '\0'];

    /// <summary>Decodes a field byte for byte (Latin-1, so nothing a peer sends is lost for logging) without its padding.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "" : Encoding.Latin1.GetString(bytes).Trim(Padding);

    /// <summary>Throws unless <paramref name="value"/> is a valid AE title (<see cref="AeTitle.IsValid"/>).</summary>
    public static void CheckAeTitle(string? value, string field)
    {
        if (!AeTitle.IsValid(value))
        {
            throw new ArgumentException(
                $"The {field} '{value}' is not a valid AE title: 1 to {AeTitle.MaxLength} printable ASCII characters, no backslash, not only spaces.");
        }
    }

    /// <summary>
    /// Throws unless <paramref name="value"/> is 1 to 64 digits and dots (PS3.5 §9.1), or empty when <paramref name="allowEmpty"/>.
    /// The component rules are left to the caller: the point here is that the bytes on the wire are what PS3.8 allows.
    /// </summary>
    public static void CheckUid(string? value, string field, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(value, field);
        if (value.Length == 0 && allowEmpty)
        {
            return;
        }

        if (value.Length is 0 or > DicomUid.MaxLength || !value.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            throw new ArgumentException($"The {field} '{value}' is not a UID: 1 to {DicomUid.MaxLength} characters of digits and dots.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is 1 to 16 printable ASCII characters without a backslash.</summary>
    public static void CheckVersionName(string value)
    {
        if (value.Length > MaxVersionNameLength || value.Any(c => c is < ' ' or > '~' or '\\'))
        {
            throw new ArgumentException(
                $"The implementation version name '{value}' must be 1 to {MaxVersionNameLength} printable ASCII characters without a backslash.");
        }
    }
}
