using System.Text.Json;

namespace NodeAgent.Core.Index;

/// <summary>
/// Maps what an instance says about its body part to a concept of DICOM CID 4031 (Common Anatomic Regions), by a
/// table the site can edit (<c>config/body-part-mapping.json</c>): a JSON list of
/// <c>{"match": ["CHEST", "THORAX"], "code": "43799004", "meaning": "Chest", "scheme": "SCT", "alternateCodes": ["51185008", "T-D3000"]}</c>.
/// A coded Anatomic Region Sequence (0008,2218) item is matched by its code first; then the free text of
/// Body Part Examined (0018,0015); then the item's code meaning. Terms match ignoring case, spaces and punctuation,
/// so "Whole Body" meets the defined term WHOLEBODY (PS3.16 Annex L).
/// </summary>
public sealed class BodyPartMapping
{
    /// <summary>The file name the table ships under, in the configuration directory.</summary>
    public const string DefaultFileName = "body-part-mapping.json";

    // SNOMED CT and its predecessors share one code space for lookup: SCT ids are numeric, SNOMED RT codes are
    // "T-…", so they cannot collide. 99SDM is the designator some older devices used for SNOMED DICOM microglossary.
    private static readonly HashSet<string> SnomedSchemes = new(StringComparer.OrdinalIgnoreCase) { "SCT", "SRT", "SNM3", "99SDM" };
    private const string SnomedFamily = "SNOMED";

    private readonly Dictionary<(string Family, string Code), BodyPart> _byCode;
    private readonly Dictionary<string, BodyPart> _byTerm;

    private BodyPartMapping(Dictionary<(string, string), BodyPart> byCode, Dictionary<string, BodyPart> byTerm, int count)
    {
        _byCode = byCode;
        _byTerm = byTerm;
        Count = count;
    }

    /// <summary>The number of concepts in the table.</summary>
    public int Count { get; }

    /// <summary>Reads the table from a file.</summary>
    /// <exception cref="InvalidDataException">The file is no valid mapping table; the message names the entry.</exception>
    public static BodyPartMapping Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads the table from a stream holding its JSON.</summary>
    /// <exception cref="InvalidDataException">The JSON is no valid mapping table; the message names the entry.</exception>
    public static BodyPartMapping Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        BodyPartMappingEntry[]? entries;
        try
        {
            entries = JsonSerializer.Deserialize(json, BodyPartMappingJsonContext.Default.BodyPartMappingEntryArray);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the body part mapping is not valid JSON: {e.Message}", e);
        }

        return Build(entries ?? throw new InvalidDataException("the body part mapping is empty (null)"));
    }

    /// <summary>
    /// The body part for an instance's Body Part Examined text and its first Anatomic Region Sequence item
    /// (code value, coding scheme designator, code meaning); any of them may be null.
    /// </summary>
    public BodyPart Map(string? bodyPartExamined, string? codeValue = null, string? codingScheme = null, string? codeMeaning = null)
    {
        var text = DimensionText.Upper(bodyPartExamined);
        var meaning = DimensionText.Upper(codeMeaning);
        var said = text ?? meaning;

        var code = codeValue?.Trim();
        if (!string.IsNullOrEmpty(code) && _byCode.TryGetValue((Family(codingScheme), code), out var coded))
        {
            return coded with { Text = said };
        }

        foreach (var term in new[] { text, meaning })
        {
            if (term is not null && _byTerm.TryGetValue(DimensionText.MatchKey(term), out var named))
            {
                return named with { Text = said };
            }
        }

        return BodyPart.Unknown(said);
    }

    private static string Family(string? scheme)
    {
        var trimmed = scheme?.Trim();
        return string.IsNullOrEmpty(trimmed) || SnomedSchemes.Contains(trimmed) ? SnomedFamily : trimmed.ToUpperInvariant();
    }

    private static BodyPartMapping Build(BodyPartMappingEntry[] entries)
    {
        var byCode = new Dictionary<(string, string), BodyPart>();
        var byTerm = new Dictionary<string, BodyPart>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i] ?? throw new InvalidDataException($"entry {i} is null");
            var code = entry.Code?.Trim();
            var meaning = entry.Meaning?.Trim();
            if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(meaning))
            {
                throw new InvalidDataException($"entry {i} needs a code and a meaning");
            }

            var scheme = string.IsNullOrWhiteSpace(entry.Scheme) ? "SCT" : entry.Scheme.Trim();
            var concept = new BodyPart(code, scheme, meaning, null);
            var family = Family(scheme);
            foreach (var value in (entry.AlternateCodes ?? []).Prepend(code))
            {
                var key = (family, value.Trim());
                if (!byCode.TryAdd(key, concept) && byCode[key].Code != code)
                {
                    throw new InvalidDataException($"entry {i} ({code}): code {value} also belongs to {byCode[key].Code}");
                }
            }

            foreach (var term in (entry.Match ?? []).Append(meaning))
            {
                var key = DimensionText.MatchKey(term);
                if (key.Length == 0)
                {
                    throw new InvalidDataException($"entry {i} ({code}): the term '{term}' has no letters or digits");
                }

                if (!byTerm.TryAdd(key, concept) && byTerm[key].Code != code)
                {
                    throw new InvalidDataException($"entry {i} ({code}): the term '{term}' also matches {byTerm[key].Code}");
                }
            }
        }

        return new BodyPartMapping(byCode, byTerm, entries.Length);
    }
}
