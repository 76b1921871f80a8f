using System.Collections.Frozen;
using System.Globalization;

namespace NodeAgent.Dicom.Dictionary;

/// <summary>
/// Private data elements by Private Creator (from GDCM's private dictionary), enough to give a private element its VR
/// when it is read in Implicit VR. Immutable; built on the first private lookup.
/// </summary>
internal static partial class PrivateDictionary
{
    // An entry covers (gggg,xxee) for every block xx: PS3.5 §7.8.1 lets the creator's block move from file to file.
    private const uint BlockMaskBits = 0xFFFF00FF;

    private static readonly Lazy<Lookup> Tables = new(Lookup.Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The number of private elements known.</summary>
    internal static int Count => Tables.Value.Count;

    /// <summary>
    /// Finds private data element (gggg,xxee) of <paramref name="creator"/>: exact creator first, then ignoring case.
    /// For each, a block-specific dictionary "creator^xx" is tried before the creator's own: GDCM so names the
    /// definitions of vendors (Canon/Toshiba MR) whose elements differ between the blocks they reserve.
    /// </summary>
    public static DicomDictionaryEntry? Find(DicomTag tag, string creator)
    {
        // Private data elements are (gggg,1000-FFFF) in an odd group; (gggg,0010-00FF) are the creators themselves.
        if ((tag.Group & 1) == 0 || tag.Element < 0x1000)
        {
            return null;
        }

        var name = creator.Trim(' ', '\0');
        if (name.Length == 0)
        {
            return null;
        }

        var key = Key(tag.Group, (byte)tag.Element);
        var blockName = string.Create(CultureInfo.InvariantCulture, $"{name}^{tag.Element >> 8:X2}");
        var tables = Tables.Value;
        return FindIn(tables.ByCreator, blockName, name, key) ?? FindIn(tables.ByCreatorIgnoringCase, blockName, name, key);
    }

    private static DicomDictionaryEntry? FindIn(
        FrozenDictionary<string, FrozenDictionary<uint, DicomDictionaryEntry>> creators, string blockName, string name, uint key)
    {
        if (creators.TryGetValue(blockName, out var elements) && elements.TryGetValue(key, out var entry))
        {
            return entry;
        }

        return creators.TryGetValue(name, out elements) ? elements.GetValueOrDefault(key) : null;
    }

    private static uint Key(ushort group, byte element) => ((uint)group << 8) | element;

    private sealed record Lookup(
        int Count,
        FrozenDictionary<string, FrozenDictionary<uint, DicomDictionaryEntry>> ByCreator,
        FrozenDictionary<string, FrozenDictionary<uint, DicomDictionaryEntry>> ByCreatorIgnoringCase)
    {
        public static Lookup Build()
        {
            var table = new DictionaryTable();
            var creators = new Dictionary<string, Dictionary<uint, DicomDictionaryEntry>>(StringComparer.Ordinal);
            var count = 0;
            foreach (var fields in DictionaryTable.Rows(PrivateDictionary.Table, 5))
            {
                // fields[1] is ggggxxee.
                var group = ushort.Parse(fields[1].AsSpan(0, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                var element = byte.Parse(fields[1].AsSpan(6, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (!creators.TryGetValue(fields[0], out var elements))
                {
                    elements = [];
                    creators.Add(fields[0], elements);
                }

                elements.Add(
                    Key(group, element),
                    new DicomDictionaryEntry(new DicomTag(group, element), BlockMaskBits, table.VRs(fields[2]), fields[3], "", fields[4], false));
                count++;
            }

            if (count != EntryCount)
            {
                throw new InvalidOperationException($"The private dictionary table has {count} lines, not {EntryCount}; regenerate it.");
            }

            var byCreator = creators.ToFrozenDictionary(c => c.Key, c => c.Value.ToFrozenDictionary(), StringComparer.Ordinal);

            // Creators that differ only in case ("HOLOGIC", "Hologic"): the first in ordinal order answers a caseless lookup.
            var ignoringCase = new Dictionary<string, FrozenDictionary<uint, DicomDictionaryEntry>>(StringComparer.OrdinalIgnoreCase);
            foreach (var creator in byCreator.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                ignoringCase.TryAdd(creator.Key, creator.Value);
            }

            return new Lookup(count, byCreator, ignoringCase.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
        }
    }
}
