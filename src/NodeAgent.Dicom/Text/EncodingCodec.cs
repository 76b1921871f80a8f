using System.Text;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// A multi-byte set used without code extensions (PS3.3 Table C.12-5): ISO_IR 192 (UTF-8), GB18030 and GBK.
/// These are stateless, so a whole value decodes in one call and the delimiters need no special handling:
/// callers split the decoded text, which matters for GBK and GB18030 whose trail bytes may be 0x5C.
/// </summary>
internal sealed class EncodingCodec : TextCodec
{
    private readonly Encoding _encoding;

    private EncodingCodec(string name, Encoding encoding, bool isUnicode)
        : base(name)
    {
        _encoding = encoding;
        IsUnicode = isUnicode;
    }

    /// <summary>ISO_IR 192.</summary>
    public static EncodingCodec Utf8 { get; } = new("ISO_IR 192", StrictUtf8(), isUnicode: true);

    /// <inheritdoc/>
    public override bool IsUnicode { get; }

    /// <summary>The codec for a <see cref="CharacterSetTerm.MultiByteCodePage"/>.</summary>
    public static EncodingCodec For(CharacterSetTerm term) => term.MultiByteCodePage switch
    {
        65001 => Utf8,
        54936 => new(term.Name, CodePages.Get(54936), isUnicode: true),
        _ => new(term.Name, CodePages.Get(term.MultiByteCodePage), isUnicode: false),
    };

    /// <inheritdoc/>
    public override string Decode(ReadOnlySpan<byte> value, DicomVR vr) => _encoding.GetString(value);

    /// <inheritdoc/>
    public override byte[] Encode(string text, DicomVR vr)
    {
        try
        {
            return _encoding.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw Unencodable(Name, text, Math.Clamp(e.Index, 0, Math.Max(text.Length - 1, 0)));
        }
    }

    private static Encoding StrictUtf8()
    {
        // Replacement (U+FFFD) for malformed input when decoding; lone surrogates refuse to encode.
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.EncoderFallback = EncoderFallback.ExceptionFallback;
        return encoding;
    }
}
