using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

[TestFixture]
public sealed class DataTransferTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(PduWriter.CoalesceLimit)]
    [TestCase(PduWriter.CoalesceLimit + 1)]
    public async Task WriteDataAsync_AnyFragmentSize_EncodesLikeTheDataTransferPdu(int size)
    {
        var fragment = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        using var direct = new MemoryStream();

        await PduWriter.WriteDataAsync(direct, 5, isCommand: false, isLast: true, fragment);
        var viaPdu = await PduSamples.EncodeAsync(new DataTransfer([new PresentationDataValue(5, false, true, fragment)]));

        byte[] header = [4, 0, .. BigEndian((uint)size + 6), .. BigEndian((uint)size + 2), 5, 0x02];
        Assert.That(direct.ToArray(), Is.EqualTo(viaPdu));
        Assert.That(viaPdu[..12], Is.EqualTo(header));
    }

    [Test]
    public async Task ReadAsync_DataTransfer_SlicesOneBufferWithoutCopying()
    {
        var bytes = await PduSamples.EncodeAsync(new DataTransfer(
        [
            new PresentationDataValue(1, true, false, new byte[] { 1, 2, 3 }),
            new PresentationDataValue(1, true, true, new byte[] { 4, 5 }),
        ]));

        using var data = (DataTransfer)(await PduSamples.DecodeAsync(bytes))!;

        Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data.Values[0].Data, out var first), Is.True);
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data.Values[1].Data, out var second), Is.True);
        Assert.That(second.Array, Is.SameAs(first.Array));
        Assert.That(data.Values.Select(v => (v.IsCommand, v.IsLast, v.Data.ToArray())), Is.EqualTo(new[]
        {
            (true, false, new byte[] { 1, 2, 3 }),
            (true, true, new byte[] { 4, 5 }),
        }));
    }

    [Test]
    public async Task Dispose_CalledTwiceAndOnACopy_DoesNotThrow()
    {
        var bytes = await PduSamples.EncodeAsync(new DataTransfer([new PresentationDataValue(1, false, true, new byte[100])]));
        var data = (DataTransfer)(await PduSamples.DecodeAsync(bytes))!;
        var copy = data with { };

        data.Dispose();
        data.Dispose();

        Assert.DoesNotThrow(copy.Dispose);
    }

    [Test]
    public async Task ReadAsync_DataTransferAtExactlyTheMaximumLength_Reads()
    {
        var bytes = await PduSamples.EncodeAsync(new DataTransfer([new PresentationDataValue(1, false, true, new byte[1000 - 6])]));

        using var data = (DataTransfer)(await PduSamples.DecodeAsync(bytes, maxPduLength: 1000))!;

        Assert.That(data.Values[0].Data.Length, Is.EqualTo(994));
    }

    [Test]
    public void WriteDataAsync_EvenContextId_Throws()
    {
        using var stream = new MemoryStream();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await PduWriter.WriteDataAsync(stream, 4, true, true, new byte[] { 1 }));
        Assert.That(stream.Length, Is.Zero);
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
