using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NodeAgent.Core.Query;

namespace NodeAgent.Core.Disclosure;

/// <summary>
/// Cell-key noise: the noise of a cell is a deterministic function of HMAC-SHA256(cellKey, canonical query, the
/// cell's group values by dimension name, the measure). The same query, or a reordered equivalent one, gets the same
/// noise, so asking again and averaging gains nothing.
/// </summary>
internal sealed class CellNoise(byte[] cellKey)
{
    private readonly byte[] _key = [.. cellKey];

    /// <summary>The 32 pseudo-random bytes of one cell and measure.</summary>
    public byte[] Draw(string canonicalQuery, IReadOnlyList<string> groupBy, IReadOnlyList<string> groups, QueryMeasure measure)
    {
        // Groups by dimension name in name order, matching the canonical query's sorted group-by: swapping the
        // group-by dimensions gives the same cells the same noise. Unit separators keep the fields apart.
        var text = new StringBuilder(canonicalQuery.Length + 64).Append(canonicalQuery).Append('\u001e');
        foreach (var i in Enumerable.Range(0, groupBy.Count).OrderBy(i => groupBy[i], StringComparer.Ordinal))
        {
            text.Append(groupBy[i]).Append('=').Append(groups[i]).Append('\u001f');
        }

        text.Append('\u001e').Append(QueryJson.MeasureName(measure));
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text.ToString()));
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
