using System.Buffers.Binary;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>Mutated valid PDUs (fixed seed, so a failure reproduces): the reader either decodes or throws <see cref="PduException"/>.</summary>
[TestFixture]
public sealed class PduFuzzTests
{
    private const int Seed = 20_240_607;
    private const int Iterations = 2000;

    [Test]
    public async Task ReadAsync_MutatedAssociateRequest_DecodesOrThrowsPduException()
    {
        var valid = await PduSamples.EncodeAsync(PduSamples.FullRequest());

        var (decoded, rejected) = await FuzzAsync(valid);

        Assert.That(decoded + rejected, Is.EqualTo(Iterations));
        Assert.That(decoded, Is.GreaterThan(0), "some mutations (of reserved bytes, UID characters) still decode");
        Assert.That(rejected, Is.GreaterThan(0), "some mutations break the framing");
    }

    [Test]
    public async Task ReadAsync_MutatedAssociateAccept_DecodesOrThrowsPduException()
    {
        var valid = await PduSamples.EncodeAsync(PduSamples.FullAccept());

        var (decoded, rejected) = await FuzzAsync(valid);

        Assert.That(decoded + rejected, Is.EqualTo(Iterations));
    }

    [Test]
    public async Task ReadAsync_MutatedDataTransfer_DecodesOrThrowsPduException()
    {
        var valid = await PduSamples.EncodeAsync(PduSamples.OneOfEach().OfType<DataTransfer>().Single());

        var (decoded, rejected) = await FuzzAsync(valid);

        Assert.That(decoded + rejected, Is.EqualTo(Iterations));
    }

    private static async Task<(int Decoded, int Rejected)> FuzzAsync(byte[] valid)
    {
        var random = new Random(Seed);
        var decoded = 0;
        var rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var mutant = Mutate(valid, random);
            using var stream = new MemoryStream(mutant, writable: false);
            try
            {
                var pdu = await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength);
                if (pdu is not null)
                {
                    _ = PduDump.Describe(pdu);
                    (pdu as IDisposable)?.Dispose();
                }

                decoded++;
            }
            catch (PduException)
            {
                rejected++;
            }
            catch (Exception exception)
            {
                Assert.Fail($"Iteration {i} (seed {Seed}) threw {exception.GetType().Name} for {Convert.ToHexString(mutant)}: {exception}");
            }
        }

        return (decoded, rejected);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 1:
                // A length-sized field anywhere after the PDU header gets an arbitrary value.
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(random.Next(6, bytes.Length - 1)), (ushort)random.Next(65536));
                return bytes;
            case 2:
                return bytes[..random.Next(bytes.Length)];
            case 3:
                var at = random.Next(6, bytes.Length);
                var extra = new byte[random.Next(1, 16)];
                random.NextBytes(extra);
                byte[] grown = [.. bytes.AsSpan(0, at), .. extra, .. bytes.AsSpan(at)];
                BinaryPrimitives.WriteUInt32BigEndian(grown.AsSpan(2), (uint)(grown.Length - 6));
                return grown;
            default:
                random.NextBytes(bytes.AsSpan(random.Next(bytes.Length)));
                return bytes;
        }
    }
}
