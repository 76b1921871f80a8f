using System.Net;

namespace NodeAgent.Dicom.Network;

/// <summary>
/// A calling AE title the listener accepts, optionally only from given source addresses.
/// The AE title "*" stands for any caller.
/// </summary>
public sealed record AllowedCaller(string AeTitle, IReadOnlyList<IPAddress>? Addresses = null)
{
    /// <summary>An entry that admits every caller from everywhere.</summary>
    public static AllowedCaller Anyone { get; } = new("*");

    /// <summary>True when this entry admits the caller from the address.</summary>
    public bool Admits(string callingAe, IPAddress peer)
    {
        ArgumentNullException.ThrowIfNull(callingAe);
        ArgumentNullException.ThrowIfNull(peer);
        var titleMatches = AeTitle == "*" || string.Equals(AeTitle.Trim(), callingAe.Trim(), StringComparison.Ordinal);
        if (!titleMatches)
        {
            return false;
        }

        if (Addresses is null || Addresses.Count == 0)
        {
            return true;
        }

        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return Addresses.Any(allowed => allowed.Equals(address));
    }
}
