using System.Text;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// The character repertoire named by Specific Character Set (0008,0005), able to decode the values of
/// character-set-dependent VRs (SH, LO, ST, LT, PN, UC, UT) to .NET strings.
/// PROVISIONAL: default repertoire and UTF-8 only; the full PS3.5 §6.1 implementation replaces this file.
/// </summary>
public sealed class DicomCharacterSet
{
    private DicomCharacterSet(IReadOnlyList<string> terms, Encoding encoding)
    {
        Terms = terms;
        _encoding = encoding;
    }

    private readonly Encoding _encoding;

    /// <summary>The default repertoire (ISO-IR 6), used when (0008,0005) is absent or empty.</summary>
    public static DicomCharacterSet Default { get; } = new([], Encoding.Latin1);

    /// <summary>ISO_IR 192: UTF-8.</summary>
    public static DicomCharacterSet Utf8 { get; } = new(["ISO_IR 192"], new UTF8Encoding(false));

    /// <summary>The defined terms as they appear in (0008,0005).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Builds the character set for the values of (0008,0005).</summary>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0 || (terms.Count == 1 && string.IsNullOrWhiteSpace(terms[0])))
        {
            return Default;
        }

        return terms[0].Trim() == "ISO_IR 192" ? Utf8 : Default;
    }

    /// <summary>Decodes a value of the given VR.</summary>
    public string Decode(ReadOnlySpan<byte> value, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(vr);
        return vr.IsCharacterSetDependent ? _encoding.GetString(value) : Encoding.Latin1.GetString(value);
    }

    /// <summary>Encodes text for a value of the given VR.</summary>
    public byte[] Encode(string text, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vr);
        return vr.IsCharacterSetDependent ? _encoding.GetBytes(text) : Encoding.ASCII.GetBytes(text);
    }
}
