using System.Buffers.Binary;
using System.Security.Cryptography;
using NodeAgent.Core.Query;

namespace NodeAgent.Core.Disclosure;

/// <summary>
/// Cell-key noise: the noise of a cell is a deterministic function of HMAC-SHA256(cellKey, the cell's content, the
/// measure), where the content is the cell's fingerprint (the sum of the keyed 64-bit hashes of the series in it).
/// Keying by content rather than by the query's text means every question that selects the same series for a cell,
/// however it is worded (reordered, <c>eq</c> or a one-value <c>in</c>, a range bound moved where no value lies, a
/// different group-by that yields the same cell), gets the same noise: asking again and averaging gains nothing.
/// </summary>
internal sealed class CellNoise(byte[] cellKey)
{
    private readonly byte[] _key = [.. cellKey];

    /// <summary>The 32 pseudo-random bytes of one cell and measure.</summary>
    public byte[] Draw(ulong fingerprint, QueryMeasure measure)
    {
        Span<byte> input = stackalloc byte[9];
        BinaryPrimitives.WriteUInt64LittleEndian(input, fingerprint);
        input[8] = (byte)measure;
        return HMACSHA256.HashData(_key, input);
    }

    /// <summary>
    /// An integer in [−m, m] with the fixed triangular distribution P(d) ∝ m + 1 − |d| (for m = 2: 1,2,3,2,1 in 9),
    /// from the first 8 bytes.
    /// </summary>
    public static int Integer(ReadOnlySpan<byte> draw, int magnitude)
    {
        if (magnitude == 0)
        {
            return 0;
        }

        var total = (ulong)((magnitude + 1) * (magnitude + 1));
        // The modulo bias of a 64-bit value over at most 101² outcomes is below 1e-15.
        var r = (long)(BinaryPrimitives.ReadUInt64LittleEndian(draw) % total);
        for (var d = -magnitude; d <= magnitude; d++)
        {
            r -= magnitude + 1 - Math.Abs(d);
            if (r < 0)
            {
                return d;
            }
        }

        return magnitude;
    }

    /// <summary>Laplace noise with the scale, from bytes 8–15 (inverse CDF of a uniform in (−½, ½)).</summary>
    public static double Laplace(ReadOnlySpan<byte> draw, double scale)
    {
        var u = ((BinaryPrimitives.ReadUInt64LittleEndian(draw[8..]) >> 11) + 0.5) / (1UL << 53) - 0.5;
        return -scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }
}
