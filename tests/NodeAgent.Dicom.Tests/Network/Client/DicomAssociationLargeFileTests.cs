using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Tests.Support;
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
        WriteMultiFrame(source);
        await using var peer = await StorescpPeer.StartAsync("-pdu", "131072");
        var proposal = ProposalBuilder.ForFiles([(StorageUid.MultiFrameGrayscaleWord, TransferSyntax.ExplicitVRLittleEndian.Uid)]);
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

    private static void WriteMultiFrame(string path)
    {
        var dataset = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0008, 0x0016), DicomVR.UI, StorageUid.MultiFrameGrayscaleWord)
            .AddOrUpdate(new DicomTag(0x0008, 0x0018), DicomVR.UI, DicomUid.Generate())
            .AddOrUpdate(new DicomTag(0x0028, 0x0002), DicomVR.US, (ushort)1)
            .AddOrUpdate(new DicomTag(0x0028, 0x0004), DicomVR.CS, "MONOCHROME2")
            .AddOrUpdate(new DicomTag(0x0028, 0x0008), DicomVR.IS, Frames)
            .AddOrUpdate(new DicomTag(0x0028, 0x0010), DicomVR.US, (ushort)Rows)
            .AddOrUpdate(new DicomTag(0x0028, 0x0011), DicomVR.US, (ushort)Columns)
            .AddOrUpdate(new DicomTag(0x0028, 0x0100), DicomVR.US, (ushort)16)
            .AddOrUpdate(new DicomTag(0x0028, 0x0101), DicomVR.US, (ushort)16)
            .AddOrUpdate(new DicomTag(0x0028, 0x0102), DicomVR.US, (ushort)15)
            .AddOrUpdate(new DicomTag(0x0028, 0x0103), DicomVR.US, (ushort)0)
            .AddOrUpdate(new DicomElement(new DicomTag(0x7FE0, 0x0010), DicomVR.OW, new PatternByteSource(PixelLength)));
        new DicomFile(dataset).Save(path);
    }
}
