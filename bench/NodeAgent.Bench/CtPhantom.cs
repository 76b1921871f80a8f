using System.Buffers.Binary;

namespace NodeAgent.Bench;

/// <summary>
/// Draws a synthetic CT slice: a water disc (the body) holding a bone disc whose size drifts from slice to slice,
/// in air, with deterministic noise, so the pixel data is not a run of zeros any layer could short-cut.
/// </summary>
internal static class CtPhantom
{
    /// <summary>Stored values with Rescale Intercept -1024: HU -1000 (air), 0 (water), +1000 (bone).</summary>
    private const int Air = 24;
    private const int Water = 1024;
    private const int Bone = 2024;
    private const int MaxStored = 4095;

    /// <summary>Writes one slice as unsigned 16-bit little-endian samples (Bits Stored 12) into <paramref name="destination"/>.</summary>
    public static void Render(int rows, int columns, int slice, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, rows * columns * 2);
        var state = (uint)(slice + 1) * 2654435761u;
        var centreX = columns / 2.0;
        var centreY = rows / 2.0;
        var body = Math.Min(rows, columns) * 0.4;
        var boneRadius = body * (0.15 + (0.05 * Math.Sin(slice / 20.0)));
        var boneX = centreX + (body * 0.3);
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < columns; x++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                var value = Square(x - centreX) + Square(y - centreY) >= body * body ? Air
                    : Square(x - boneX) + Square(y - centreY) < boneRadius * boneRadius ? Bone
                    : Water;
                value = Math.Clamp(value + (int)(state & 31) - 16, 0, MaxStored);
                BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * ((y * columns) + x))..], (ushort)value);
            }
        }
    }

    private static double Square(double value) => value * value;
}
