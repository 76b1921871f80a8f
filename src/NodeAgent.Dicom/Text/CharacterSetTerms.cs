using System.Collections.Frozen;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// The defined terms of Specific Character Set (0008,0005), looked up tolerantly: case, spaces, underscores and
/// hyphens are ignored, so common misspellings ("ISO-IR 100", "ISO_IR100", "ISO IR 192", "iso_ir 100") resolve
/// much as pydicom resolves them; a few encoding names seen in the wild ("UTF-8", "ISO-8859-1", "GB2312") are
/// accepted too, as pydicom accepts Python codec names.
/// </summary>
internal static class CharacterSetTerms
{
    /// <summary>ISO-IR 6, assumed as value 1 when value 1 is empty (PS3.3 C.12.1.1.2).</summary>
    public static CharacterSetTerm IsoIr6 { get; } = new("ISO 2022 IR 6", CodeElement.IsoIr6, null, true, 0);

    // Declared after IsoIr6: static initialisers run in textual order and Build uses it.
    private static readonly FrozenDictionary<string, CharacterSetTerm> ByKey = Build();

    /// <summary>Finds the term, or null when it is not one we know.</summary>
    public static CharacterSetTerm? Find(string term) => ByKey.GetValueOrDefault(Key(term));

    private static FrozenDictionary<string, CharacterSetTerm> Build()
    {
        var terms = new Dictionary<string, CharacterSetTerm>(StringComparer.Ordinal);
        void Add(CharacterSetTerm term, params string[] aliases)
        {
            terms.Add(Key(term.Name), term);
            foreach (var alias in aliases)
            {
                terms.Add(Key(alias), term);
            }
        }

        void AddSingleByte(int ir, CodeElement? g0, CodeElement g1, params string[] aliases)
        {
            Add(new($"ISO_IR {ir}", g0, g1, false, 0), aliases);
            Add(new($"ISO 2022 IR {ir}", g0, g1, true, 0));
        }

        // Table C.12-2 / C.12-3. "ISO_IR 6" is not a defined term but is a common way of writing the default.
        Add(IsoIr6, "ISO_IR 6", "ASCII", "US-ASCII");
        AddSingleByte(100, CodeElement.IsoIr6, CodeElement.IsoIr100, "ISO-8859-1", "LATIN1");
        AddSingleByte(101, CodeElement.IsoIr6, CodeElement.IsoIr101, "ISO-8859-2", "LATIN2");
        AddSingleByte(109, CodeElement.IsoIr6, CodeElement.IsoIr109, "ISO-8859-3", "LATIN3");
        AddSingleByte(110, CodeElement.IsoIr6, CodeElement.IsoIr110, "ISO-8859-4", "LATIN4");
        AddSingleByte(126, CodeElement.IsoIr6, CodeElement.IsoIr126, "ISO-8859-7");
        AddSingleByte(127, CodeElement.IsoIr6, CodeElement.IsoIr127, "ISO-8859-6");
        AddSingleByte(138, CodeElement.IsoIr6, CodeElement.IsoIr138, "ISO-8859-8");
        AddSingleByte(144, CodeElement.IsoIr6, CodeElement.IsoIr144, "ISO-8859-5");
        AddSingleByte(148, CodeElement.IsoIr6, CodeElement.IsoIr148, "ISO-8859-9", "LATIN5");
        AddSingleByte(166, CodeElement.IsoIr6, CodeElement.IsoIr166, "TIS-620", "ISO-8859-11");
        AddSingleByte(203, CodeElement.IsoIr6, CodeElement.IsoIr203, "ISO-8859-15", "LATIN9");
        AddSingleByte(13, CodeElement.IsoIr14, CodeElement.IsoIr13);

        // Table C.12-4: these exist only with code extensions; "ISO_IR 87" and the like are tolerated misspellings.
        Add(new("ISO 2022 IR 87", CodeElement.IsoIr87, null, true, 0), "ISO_IR 87");
        Add(new("ISO 2022 IR 159", CodeElement.IsoIr159, null, true, 0), "ISO_IR 159");
        Add(new("ISO 2022 IR 149", null, CodeElement.IsoIr149, true, 0), "ISO_IR 149");
        Add(new("ISO 2022 IR 58", null, CodeElement.IsoIr58, true, 0), "ISO_IR 58");

        // Table C.12-5: multi-byte sets without code extensions. GB 2312 is a subset of GBK, so the name maps there.
        Add(new("ISO_IR 192", null, null, false, 65001), "UTF-8", "ISO 2022 IR 192");
        Add(new("GB18030", null, null, false, 54936));
        Add(new("GBK", null, null, false, 936), "GB2312", "CP936");
        return terms.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Key(string term) =>
        string.Concat(term.Where(c => c is not (' ' or '_' or '-' or '\0')).Select(char.ToUpperInvariant));
}
