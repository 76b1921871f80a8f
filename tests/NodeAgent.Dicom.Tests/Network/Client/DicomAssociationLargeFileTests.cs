using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>A ~200 MB multi-frame instance goes to storescp straight from the file, with a small, bounded managed heap.</summary>
[TestFixture]
[Category("Memory")]
[Category("Interop")]
[CancelAfter(60_000)]
public sealed class DicomAssociationLargeFileTests
{
    private const int Rows = 512;
    private const int Columns = 512;
    private const int BytesPerFrame = Rows * Columns * 2;
    private const int Frames = 400;
    private const long PixelLength = (long)Frames * BytesPerFrame;
    private const long HeapBudget = 32L << 20;

    [Test]
    public async Task StoreAsync_TwoHundredMegabyteMultiFrame_AllocatesUnder32MiBAndArrivesWhole(CancellationToken cancellationToken)
    {
        using var directory = new TempDirectory("scu-large");
        var source = directory.Combine("large.dcm");
        SyntheticMultiFrame.Write(source, Frames, Rows, Columns);
        await using var peer = await StorescpPeer.StartAsync("-pdu", "131072");
        var proposal = ProposalBuilder.ForFiles([(SyntheticMultiFrame.SopClassUid, TransferSyntax.ExplicitVRLittleEndian.Uid)]);
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", peer.Port,
            new DicomClientOptions { CalledAE = StorescpPeer.AeTitle }, proposal, cancellationToken);
        await association.EchoAsync(cancellationToken);
        GC.Collect();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var response = await association.StoreAsync(source, cancellationToken);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await association.ReleaseAsync(cancellationToken);

        Assert.That(response.Status, Is.EqualTo(DimseStatus.Success));
        Assert.That(allocated, Is.LessThan(HeapBudget), $"sending {PixelLength >> 20} MiB allocated {allocated >> 20} MiB");
        var received = peer.ReceivedFiles();
        Assert.That(received, Has.Count.EqualTo(1));
        var pixels = DicomFile.Open(received[0]).Dataset[new DicomTag(0x7FE0, 0x0010)] as DicomElement;
        Assert.That(pixels?.Data.Length, Is.EqualTo(PixelLength));
        TestContext.Out.WriteLine($"allocated {allocated >> 10} KiB while sending {new FileInfo(source).Length >> 20} MiB");
    }
}
