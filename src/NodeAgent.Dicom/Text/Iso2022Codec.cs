using System.Buffers;
using System.Text;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// A Specific Character Set with ISO 2022 code extensions: value 1 gives the designations every value starts
/// in, the other values the sets escape sequences may switch to (PS3.3 C.12.1.1.2, PS3.5 §6.1.2.5).
/// </summary>
internal sealed class Iso2022Codec : TextCodec
{
    private const int StackLimit = 512;
    private readonly CodeElement _initialG0;
    private readonly CodeElement? _initialG1;
    private readonly IReadOnlyList<CodeElement> _declared;
    private readonly SingleByteTable? _withoutEscapes;

    /// <summary>Creates the codec from value 1's designations and the elements of all values, in order.</summary>
    public Iso2022Codec(string name, CodeElement initialG0, CodeElement? initialG1, IReadOnlyList<CodeElement> declared)
        : base(name)
    {
        _initialG0 = initialG0;
        _initialG1 = initialG1;
        _declared = declared;

        // A value without ESC never leaves value 1's designations; when those are single-byte it decodes with
        // one table lookup per byte, which is most values of a Japanese or Korean data set (IDs, codes, ASCII text).
        _withoutEscapes = initialG1 switch
        {
            null => SingleByteTable.Latin1,
            { IsDoubleByte: true } => null,
            _ => initialG1.SingleByteTable,
        };
    }

    /// <inheritdoc/>
    public override string Decode(ReadOnlySpan<byte> value, DicomVR vr)
    {
        if (_withoutEscapes is not null && !value.Contains(Iso2022Delimiters.Escape))
        {
            return _withoutEscapes.IsLatin1 ? Encoding.Latin1.GetString(value) : _withoutEscapes.Decode(value);
        }

        char[]? rented = null;
        var buffer = value.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            var written = Iso2022Decoder.Decode(value, vr, _initialG0, _initialG1, buffer);
            return new string(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc/>
    public override byte[] Encode(string text, DicomVR vr) =>
        Iso2022Encoder.Encode(text, vr, Name, _initialG0, _initialG1, _declared);
}
