namespace NodeAgent.Core.Deidentification;

/// <summary>
/// Crockford's Base32 (digits and upper-case letters without I, L, O and U), no padding: short, readable, and
/// unambiguous when read aloud or typed from a screen.
/// </summary>
internal static class CrockfordBase32
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Encodes the bytes, most significant bit first, 5 bits per character; the last character is zero-filled.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var length = ((bytes.Length * 8) + 4) / 5;
        return string.Create(length, bytes.ToArray(), static (chars, data) =>
        {
            int buffer = 0, bits = 0, index = 0;
            foreach (var value in data)
            {
                buffer = (buffer << 8) | value;
                bits += 8;
                while (bits >= 5)
                {
                    bits -= 5;
                    chars[index++] = Alphabet[(buffer >> bits) & 0x1F];
                }
            }

            if (bits > 0)
            {
                chars[index] = Alphabet[(buffer << (5 - bits)) & 0x1F];
            }
        });
    }
}
