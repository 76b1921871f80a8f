namespace NodeAgent.Dicom.Text;

/// <summary>
/// How one resolved Specific Character Set turns the bytes of character-set-dependent values (SH, LO, ST, LT,
/// PN, UC, UT) into text and back. Implementations are immutable and thread-safe.
/// </summary>
internal abstract class TextCodec(string name)
{
    /// <summary>The canonical terms this codec implements, for messages.</summary>
    public string Name { get; } = name;

    /// <summary>True when every Unicode character can be encoded (UTF-8, GB18030).</summary>
    public virtual bool IsUnicode => false;

    /// <summary>Decodes a whole value; never throws for bad bytes, which become U+FFFD.</summary>
    public abstract string Decode(ReadOnlySpan<byte> value, DicomVR vr);

    /// <summary>Encodes a whole value; throws <see cref="ArgumentException"/> for a character the set cannot hold.</summary>
    public abstract byte[] Encode(string text, DicomVR vr);

    /// <summary>
    /// The exception for a character a set cannot encode. It names the code point and position but never the
    /// text, which is usually a patient's name.
    /// </summary>
    public static ArgumentException Unencodable(string characterSet, string text, int index)
    {
        var codePoint = char.IsSurrogatePair(text, index) ? char.ConvertToUtf32(text, index) : text[index];
        return new ArgumentException(
            $"The character U+{codePoint:X4} at index {index} cannot be encoded in Specific Character Set "
            + $"'{characterSet}'; store the value with ISO_IR 192 (UTF-8) instead.",
            nameof(text));
    }
}
