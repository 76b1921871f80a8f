using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>How DIMSE messages are cut into P-DATA-TF PDUs for the peer's maximum length (PS3.8 §9.3.5, Annex D.1, E.2).</summary>
[TestFixture]
public sealed class PDataWriterTests
{
    private const uint PeerMaximum = 16384;
    private const int Fragment = (int)PeerMaximum - PduLimits.PdvHeaderLength;

    /// <summary>Reads back every PDU written, checking each against the peer's maximum as the peer would.</summary>
    private static async Task<List<PresentationDataValue>> ReadBackAsync(MemoryStream written)
    {
        written.Position = 0;
        var values = new List<PresentationDataValue>();
        while (await PduReader.ReadAsync(written, (int)PeerMaximum) is DataTransfer pdu)
        {
            using (pdu)
            {
                Assert.That(pdu.Values, Has.Count.EqualTo(1), "one PDV per PDU");
                var value = pdu.Values[0];
                values.Add(value with { Data = value.Data.ToArray() });
            }
        }

        return values;
    }

    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(Fragment)]
    [TestCase(Fragment + 1)]
    [TestCase((2 * Fragment) + 100)]
    public async Task WriteMessageAsync_MessageOfLength_IsCutIntoFragmentsWithTheLastBitOnTheFinalOne(int length)
    {
        using var network = new MemoryStream();
        var writer = new PDataWriter(network, PeerMaximum);
        var message = Pattern(length);

        await writer.WriteMessageAsync(3, isCommand: true, message, CancellationToken.None);
        var values = await ReadBackAsync(network);

        Assert.That(writer.MaxFragment, Is.EqualTo(Fragment));
        Assert.That(values.Select(v => v.Data.Length), Is.All.LessThanOrEqualTo(Fragment));
        Assert.That(values.Select(v => v.IsLast), Is.EqualTo(Enumerable.Repeat(false, values.Count - 1).Append(true)));
        Assert.That(values.Select(v => (v.PresentationContextId, v.IsCommand)), Is.All.EqualTo(((byte)3, true)));
        Assert.That(values.SelectMany(v => v.Data.ToArray()), Is.EqualTo(message));
    }

    [Test]
    public void PDataWriter_PeerWithoutALimit_UsesTheLocalCap()
    {
        var writer = new PDataWriter(Stream.Null, 0);

        Assert.That(writer.MaxFragment, Is.EqualTo(PduLimits.MaxFragmentLength(0)));
    }

    [TestCase(1000)]
    [TestCase(Fragment)]
    [TestCase(4093)]
    public async Task OpenDataStream_WrittenInChunks_SendsTheBytesInOrderInFullFragments(int chunk)
    {
        using var network = new MemoryStream();
        var writer = new PDataWriter(network, PeerMaximum);
        var data = Pattern((3 * Fragment) + 17);

        await using (var stream = writer.OpenDataStream(5))
        {
            for (var offset = 0; offset < data.Length; offset += chunk)
            {
                await stream.WriteAsync(data.AsMemory(offset, Math.Min(chunk, data.Length - offset)));
            }

            await stream.CompleteAsync(CancellationToken.None);
            Assert.That(stream.BytesWritten, Is.EqualTo(data.Length));
        }

        var values = await ReadBackAsync(network);
        Assert.That(values.Select(v => v.Data.Length), Is.EqualTo(new[] { Fragment, Fragment, Fragment, 17 }));
        Assert.That(values.Select(v => (v.PresentationContextId, v.IsCommand)), Is.All.EqualTo(((byte)5, false)));
        Assert.That(values.Select(v => v.IsLast), Is.EqualTo(new[] { false, false, false, true }));
        Assert.That(values.SelectMany(v => v.Data.ToArray()), Is.EqualTo(data));
    }

    [Test]
    public async Task OpenDataStream_ExactMultipleOfTheFragment_NeverEndsWithAnEmptyFragment()
    {
        using var network = new MemoryStream();
        var writer = new PDataWriter(network, PeerMaximum);

        await using (var stream = writer.OpenDataStream(1))
        {
            await stream.WriteAsync(Pattern(2 * Fragment));
            await stream.CompleteAsync(CancellationToken.None);
            await stream.CompleteAsync(CancellationToken.None);
        }

        var values = await ReadBackAsync(network);
        Assert.That(values.Select(v => (v.Data.Length, v.IsLast)), Is.EqualTo(new[] { (Fragment, false), (Fragment, true) }));
    }

    [Test]
    public async Task OpenDataStream_WriteAfterComplete_Throws()
    {
        using var network = new MemoryStream();
        await using var stream = new PDataWriter(network, PeerMaximum).OpenDataStream(1);
        await stream.WriteAsync(new byte[] { 1, 2 });
        await stream.CompleteAsync(CancellationToken.None);

        Assert.That(async () => await stream.WriteAsync(new byte[] { 3 }), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task OpenDataStream_DisposedWithoutComplete_SendsNoLastFragment()
    {
        using var network = new MemoryStream();
        await using (var stream = new PDataWriter(network, PeerMaximum).OpenDataStream(1))
        {
            await stream.WriteAsync(Pattern(Fragment + 10));
        }

        var values = await ReadBackAsync(network);
        Assert.That(values.Select(v => v.IsLast), Has.None.True, "an abandoned data set must not look complete to the peer");
    }
}
