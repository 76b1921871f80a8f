namespace NodeAgent.Dicom.Text;

/// <summary>Turns the values of Specific Character Set (0008,0005) into the codec that implements them.</summary>
internal static class TextCodecFactory
{
    /// <summary>
    /// Resolves trimmed values of (0008,0005) (PS3.3 C.12.1.1.2). Never throws: a term we do not know, or one
    /// that cannot be used where it stands (UTF-8 after another value), is skipped and reported through
    /// <paramref name="hasUnknownTerms"/>; with nothing usable left the default repertoire applies.
    /// </summary>
    public static TextCodec Create(IReadOnlyList<string> terms, out bool hasUnknownTerms)
    {
        hasUnknownTerms = false;
        var resolved = new List<CharacterSetTerm>(terms.Count);
        CharacterSetTerm? first = null;
        for (var i = 0; i < terms.Count; i++)
        {
            // An empty value 1 stands for ISO-IR 6; an empty later value carries nothing.
            if (terms[i].Length == 0)
            {
                continue;
            }

            var term = CharacterSetTerms.Find(terms[i]);
            if (term is null)
            {
                hasUnknownTerms = true;
                continue;
            }

            first = i == 0 ? term : first;
            resolved.Add(term);
        }

        if (resolved.Count == 0)
        {
            return SingleByteCodec.Default;
        }

        // ISO_IR 192, GB18030 and GBK allow no code extensions. When one is the first usable value we keep it
        // and drop the rest, the reading most likely to show the text intended (pydicom does so for value 1).
        if (!resolved[0].AllowsCodeExtensions)
        {
            hasUnknownTerms |= resolved.Count > 1;
            return EncodingCodec.For(resolved[0]);
        }

        if (resolved.Count == 1 && first is { IsCodeExtension: false })
        {
            return first.G1 is null
                ? SingleByteCodec.Default
                : new SingleByteCodec(first.Name, first.G1.SingleByteTable, encodesUpper: true);
        }

        return CreateIso2022(first ?? CharacterSetTerms.IsoIr6, resolved.Skip(first is null ? 0 : 1), ref hasUnknownTerms);
    }

    private static TextCodec CreateIso2022(CharacterSetTerm initial, IEnumerable<CharacterSetTerm> others, ref bool hasUnknownTerms)
    {
        var names = new List<string> { initial.Name };
        var declared = new List<CodeElement>();
        AddElements(declared, initial);
        foreach (var term in others)
        {
            if (!term.AllowsCodeExtensions)
            {
                hasUnknownTerms = true;
                continue;
            }

            names.Add(term.Name);
            AddElements(declared, term);
        }

        // "ISO 2022 IR 6" alone, or with nothing else usable, is just the default repertoire.
        if (initial.G1 is null && declared is [{ IsAscii: true }])
        {
            return SingleByteCodec.Default;
        }

        // A value 1 spelled without code extensions ("ISO_IR 100" with a second value) is read as its
        // ISO 2022 form, as pydicom does.
        return new Iso2022Codec(string.Join('\\', names), initial.InitialG0, initial.G1, declared);
    }

    private static void AddElements(List<CodeElement> declared, CharacterSetTerm term)
    {
        foreach (var element in new[] { term.G0, term.G1 })
        {
            if (element is not null && !declared.Contains(element))
            {
                declared.Add(element);
            }
        }
    }
}
