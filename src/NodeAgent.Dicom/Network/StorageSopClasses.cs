using System.Collections.Frozen;

namespace NodeAgent.Dicom.Network;

/// <summary>Lookups over the generated Storage SOP class list.</summary>
public static partial class StorageSopClasses
{
    /// <summary>The Storage SOP classes plus Verification: what the listener serves by default.</summary>
    /// <remarks>Built on first use: static initialisers of partial classes run in file order, and All lives in the generated file.</remarks>
    public static FrozenSet<string> WithVerification =>
        withVerification ??= FrozenSet.Create(StringComparer.Ordinal, [.. All, KnownUids.Verification]);

    private static FrozenSet<string>? withVerification;

    /// <summary>True when the UID is a Storage SOP class.</summary>
    public static bool Contains(string uid) => All.Contains(uid);
}
