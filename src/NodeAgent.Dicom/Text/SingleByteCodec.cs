using System.Text;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// A set used without code extensions whose characters are single bytes: ASCII in GL and an 8-bit table in GR
/// (the default repertoire, ISO_IR 100 … 203 and ISO_IR 13, PS3.3 Table C.12-2).
/// </summary>
/// <param name="name">The defined term.</param>
/// <param name="table">The GR table.</param>
/// <param name="encodesUpper">
/// False for the default repertoire, which decodes GR as Latin-1 to be tolerant of undeclared Latin-1 but only
/// encodes ISO-IR 6 so we never write a value that needs a Specific Character Set we did not declare.
/// </param>
internal sealed class SingleByteCodec(string name, SingleByteTable table, bool encodesUpper) : TextCodec(name)
{
    /// <summary>The default repertoire (ISO-IR 6), used when (0008,0005) is absent or empty.</summary>
    public static SingleByteCodec Default { get; } = new("ISO_IR 6", SingleByteTable.Latin1, encodesUpper: false);

    /// <inheritdoc/>
    public override string Decode(ReadOnlySpan<byte> value, DicomVR vr) =>
        table.IsLatin1 ? Encoding.Latin1.GetString(value) : table.Decode(value);

    /// <inheritdoc/>
    public override byte[] Encode(string text, DicomVR vr)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                bytes[i] = (byte)c;
            }
            else if (!encodesUpper || !table.TryEncodeUpper(c, out bytes[i]))
            {
                throw Unencodable(Name, text, i);
            }
        }

        return bytes;
    }
}
