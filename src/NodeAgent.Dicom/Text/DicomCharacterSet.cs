using System.Collections.Concurrent;
using System.Text;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// The character repertoire named by Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2, PS3.5 §6.1):
/// decodes and encodes the values of the character-set-dependent VRs (SH, LO, ST, LT, PN, UC, UT), including
/// ISO 2022 code extensions for Japanese, Korean and Chinese. Instances are immutable, shared and thread-safe.
/// </summary>
public sealed class DicomCharacterSet
{
    // Bounded so a peer sending a different junk value in every association cannot grow the cache for ever.
    private const int CacheLimit = 256;
    private static readonly ConcurrentDictionary<string, DicomCharacterSet> Cache = new(StringComparer.Ordinal);

    private readonly TextCodec _codec;

    private DicomCharacterSet(IReadOnlyList<string> terms, TextCodec codec, bool hasUnknownTerms)
    {
        Terms = terms;
        _codec = codec;
        HasUnknownTerms = hasUnknownTerms;
    }

    /// <summary>
    /// The default repertoire (ISO-IR 6), used when (0008,0005) is absent or empty. Bytes above 0x7F, which it
    /// does not define, are read as Latin-1 rather than lost; encoding accepts ASCII only.
    /// </summary>
    public static DicomCharacterSet Default { get; } = Seed([], SingleByteCodec.Default);

    /// <summary>ISO_IR 192: UTF-8.</summary>
    public static DicomCharacterSet Utf8 { get; } = Seed(["ISO_IR 192"], EncodingCodec.Utf8);

    /// <summary>The values of (0008,0005) as given, trimmed of padding.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The defined terms as understood, in their standard spelling, e.g. "ISO 2022 IR 6\ISO 2022 IR 87".</summary>
    public string Name => _codec.Name;

    /// <summary>True when every Unicode character can be encoded: ISO_IR 192 and GB18030.</summary>
    public bool IsUnicode => _codec.IsUnicode;

    /// <summary>True when values may switch sets with ISO 2022 escape sequences (PS3.5 §6.1.2.5).</summary>
    public bool UsesCodeExtensions => _codec is Iso2022Codec;

    /// <summary>
    /// True when a value of (0008,0005) was not recognised, or cannot be used where it stands (UTF-8 after
    /// another value), and was ignored; callers may want to warn. Misspellings we recognise do not count.
    /// </summary>
    public bool HasUnknownTerms { get; }

    /// <summary>
    /// The character set for the values of (0008,0005); value 1 may be empty. Tolerant of misspellings and
    /// never throws for unknown terms, which fall back to the default repertoire (see <see cref="HasUnknownTerms"/>).
    /// </summary>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var key = CacheKey(terms);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var trimmed = key.Length == 0 ? [] : key.Split('\\');
        var codec = TextCodecFactory.Create(trimmed, out var hasUnknownTerms);
        var created = new DicomCharacterSet(trimmed, codec, hasUnknownTerms);
        return Cache.Count < CacheLimit ? Cache.GetOrAdd(key, created) : created;
    }

    /// <summary>
    /// Decodes a raw value (all its values with their '\' delimiters, PN with '^' and '=', padding untrimmed).
    /// Values of VRs that do not depend on the character set (AE, AS, CS, DA, DS, DT, IS, TM, UI, UR) are read
    /// as Latin-1. Never throws: bytes that do not decode become U+FFFD.
    /// </summary>
    public string Decode(ReadOnlySpan<byte> value, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(vr);
        return vr.IsCharacterSetDependent ? _codec.Decode(value, vr) : Encoding.Latin1.GetString(value);
    }

    /// <summary>
    /// Encodes a value (several values joined with '\'), without padding. Values of VRs that do not depend on
    /// the character set must be ASCII.
    /// </summary>
    /// <exception cref="ArgumentException">A character cannot be encoded in this character set.</exception>
    public byte[] Encode(string text, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vr);
        if (vr.IsCharacterSetDependent)
        {
            return _codec.Encode(text, vr);
        }

        return Ascii.IsValid(text) ? Encoding.ASCII.GetBytes(text) : SingleByteCodec.Default.Encode(text, vr);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    // The trimmed values joined with '\'; a single value that needs no trimming costs no allocation.
    private static string CacheKey(IReadOnlyList<string> terms) => terms.Count switch
    {
        0 => string.Empty,
        1 => (terms[0] ?? string.Empty).Trim(' ', '\0'),
        _ => string.Join('\\', terms.Select(t => (t ?? string.Empty).Trim(' ', '\0'))).TrimEnd('\\'),
    };

    private static DicomCharacterSet Seed(string[] terms, TextCodec codec)
    {
        var set = new DicomCharacterSet(terms, codec, hasUnknownTerms: false);
        Cache[string.Join('\\', terms)] = set;
        return set;
    }
}
