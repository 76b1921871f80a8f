using System.Collections.Frozen;

namespace NodeAgent.Dicom.Network;

/// <summary>Lookups over the generated Storage SOP class list.</summary>
public static partial class StorageSopClasses
{
    /// <summary>The Storage SOP classes plus Verification: what the listener serves by default.</summary>
    public static FrozenSet<string> WithVerification { get; } =
        FrozenSet.Create(StringComparer.Ordinal, [.. All, KnownUids.Verification]);

    /// <summary>True when the UID is a Storage SOP class.</summary>
    public static bool Contains(string uid) => All.Contains(uid);
}
