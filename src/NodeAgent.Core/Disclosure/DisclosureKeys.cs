using System.Security.Cryptography;
using System.Text;

namespace NodeAgent.Core.Disclosure;

/// <summary>
/// Sub-keys derived from the cell key (the host's <c>SiteSecret.DeriveKey("cell-key")</c>), so each use of it has
/// its own key and the cell key itself stays in one place.
/// </summary>
public static class DisclosureKeys
{
    /// <summary>The key of the 64-bit patient hashes the differencing guard keeps: HMAC-SHA256(cellKey, "patient-set").</summary>
    public static byte[] PatientSet(byte[] cellKey)
    {
        ArgumentNullException.ThrowIfNull(cellKey);
        return HMACSHA256.HashData(cellKey, Encoding.UTF8.GetBytes("patient-set"));
    }
}
