using System.Numerics;
using System.Security.Cryptography;

namespace NodeAgent.Dicom;

/// <summary>Unique Identifiers (PS3.5 §9): validation and generation.</summary>
public static class DicomUid
{
    /// <summary>The root under which a UUID may be written as one decimal number (PS3.5 §B.2).</summary>
    public const string UuidRoot = "2.25.";

    /// <summary>The maximum length of a UID (PS3.5 §9.1).</summary>
    public const int MaxLength = 64;

    /// <summary>NodeAgent's Implementation Class UID (a 2.25 UID derived once from a fixed UUID).</summary>
    public const string ImplementationClassUid = "2.25.163354396152431542466939386302467620741";

    /// <summary>NodeAgent's Implementation Version Name (at most 16 characters).</summary>
    public const string ImplementationVersionName = "NODEAGENT_010";

    /// <summary>
    /// True when <paramref name="uid"/> is a valid UID: 1 to 64 characters, components of digits separated by
    /// single dots, no leading zero in a multi-digit component (PS3.5 §9.1).
    /// </summary>
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > MaxLength)
        {
            return false;
        }

        var componentStart = 0;
        for (var i = 0; i <= uid.Length; i++)
        {
            if (i == uid.Length || uid[i] == '.')
            {
                var length = i - componentStart;
                if (length == 0 || (length > 1 && uid[componentStart] == '0'))
                {
                    return false;
                }

                componentStart = i + 1;
            }
            else if (!char.IsAsciiDigit(uid[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new UID under 2.25 from a random (version 4) UUID.</summary>
    public static string Generate() => FromUuidBytes(Guid.NewGuid().ToByteArray(bigEndian: true));

    /// <summary>
    /// A UID under 2.25 derived deterministically from key material (e.g. an HMAC): the first 128 bits of its
    /// SHA-256 hash, shaped as a version-8 (custom) UUID per RFC 9562 so it is a well-formed UUID.
    /// The same key always yields the same UID.
    /// </summary>
    public static string FromKey(ReadOnlySpan<byte> key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return FromUuidBytes(uuid);
    }

    private static string FromUuidBytes(ReadOnlySpan<byte> uuid) =>
        UuidRoot + new BigInteger(uuid, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
