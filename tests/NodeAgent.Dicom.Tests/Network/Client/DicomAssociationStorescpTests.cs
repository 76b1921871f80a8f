using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Dicom.Tests.Support;
using NUnit.Framework;
using AssociationState = NodeAgent.Dicom.Network.Association.AssociationState;

namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>The SCU against DCMTK's storescp over real sockets on 127.0.0.1.</summary>
[TestFixture]
[Category("Interop")]
[CancelAfter(60_000)]
public sealed class DicomAssociationStorescpTests
{
    /// <summary>Transfer syntaxes DCMTK 3.6.7 does not know, so storescp cannot accept them (HTJ2K, Deflated Image Frame).</summary>
    private static readonly HashSet<string> UnknownToDcmtk367 = ["1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.8.1"];

    /// <summary>Not storage objects, or unreadable: the DICOMDIR and the two truncated samples.</summary>
    private static readonly HashSet<string> NotSendable = ["pydicom/DICOMDIR", .. Samples.Truncated];

    [Test]
    public async Task EchoAsync_Storescp_ReturnsSuccessAndReleases(CancellationToken cancellationToken)
    {
        await using var peer = await StorescpPeer.StartAsync();
        await using var association = await ConnectAsync(peer, ProposalBuilder.ForFiles([]), cancellationToken);

        var first = await association.EchoAsync(cancellationToken);
        var second = await association.EchoAsync(cancellationToken);
        await association.ReleaseAsync(cancellationToken);

        Assert.That(first, Is.EqualTo(DimseStatus.Success));
        Assert.That(second, Is.EqualTo(DimseStatus.Success));
        Assert.That(association.State, Is.EqualTo(AssociationState.Idle));
        Assert.That(association.AcceptedContexts.Select(c => c.AbstractSyntax), Is.EqualTo(new[] { KnownUids.Verification }));
    }

    [Test]
    public async Task StoreAsync_EveryReadableSample_StorescpStoresTheSameDataSet(CancellationToken cancellationToken)
    {
        var files = Samples.Readable.Except(NotSendable)
            .Select(name => (Name: name, Path: Samples.PathOf(name), File: DicomFile.Open(Samples.PathOf(name))))
            .Where(f => !string.IsNullOrEmpty(f.File.Dataset.GetString(new DicomTag(0x0008, 0x0016))))
            .ToList();
        var proposal = ProposalBuilder.ForFiles(files.Select(f => (f.File.Dataset.GetString(new DicomTag(0x0008, 0x0016))!, f.File.TransferSyntax.Uid)));
        await using var peer = await StorescpPeer.StartAsync("+B");
        await using var association = await ConnectAsync(peer, proposal, cancellationToken);
        var problems = new List<string>();
        var (stored, refused, identical) = (0, 0, 0);

        foreach (var (name, path, original) in files)
        {
            if (UnknownToDcmtk367.Contains(original.TransferSyntax.Uid))
            {
                var refusal = Assert.ThrowsAsync<PresentationContextNotAcceptedException>(() => association.StoreAsync(path, cancellationToken));
                Assert.That(refusal!.TransferSyntaxUid, Is.EqualTo(original.TransferSyntax.Uid), name);
                refused++;
                continue;
            }

            var response = await association.StoreAsync(path, cancellationToken);
            var received = peer.ReceivedFiles();
            if (response.Status != DimseStatus.Success || received.Count != 1)
            {
                problems.Add($"{name}: status {response.Status} ({response.ErrorComment}), {received.Count} files received");
            }
            else
            {
                stored++;
                var copy = DicomFile.Open(received[0]);
                var expected = DatasetDump.Lines(original.Dataset);
                var actual = DatasetDump.Lines(copy.Dataset);
                if (!expected.SequenceEqual(actual))
                {
                    problems.Add($"{name}: {DatasetDump.Diff(expected, actual)}");
                }
                else if (copy.TransferSyntax == original.TransferSyntax && await SameBodyAsync(path, received[0], cancellationToken))
                {
                    identical++;
                }
            }

            foreach (var file in received)
            {
                File.Delete(file);
            }
        }

        await association.ReleaseAsync(cancellationToken);
        TestContext.Out.WriteLine($"{stored} stored ({identical} byte for byte), {refused} refused by DCMTK 3.6.7");
        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
        Assert.That(stored, Is.GreaterThan(50), "the storage samples the README lists");
        Assert.That(refused, Is.EqualTo(2), "the HTJ2K and Deflated Image Frame samples");
        Assert.That(identical, Is.GreaterThan(40), "files sent in their own syntax go byte for byte (storescp +B keeps them so)");
    }

    [Test]
    public async Task ConnectAsync_StorescpRefuses_ThrowsAssociationRejectedWithReason(CancellationToken cancellationToken)
    {
        await using var peer = await StorescpPeer.StartAsync("--refuse");

        var rejected = Assert.ThrowsAsync<AssociationRejectedException>(() => ConnectAsync(peer, ProposalBuilder.ForFiles([]), cancellationToken));

        Assert.That(rejected!.Result, Is.EqualTo(AssociateRejectResult.Permanent));
        Assert.That(rejected.RejectSource, Is.EqualTo(AssociateRejectSource.ServiceUser));
        Assert.That(rejected.Reason, Is.EqualTo((byte)ServiceUserRejectReason.NoReasonGiven));
        Assert.That(rejected.Message, Does.Contain("NoReasonGiven").And.Contain(StorescpPeer.AeTitle));
    }

    [Test]
    public async Task StoreAsync_SopClassThePeerRejected_ThrowsAndAssociationStaysUsable(CancellationToken cancellationToken)
    {
        using var directory = new NodeAgent.Testing.TempDirectory("scu-unknown-class");
        var unknownClass = DicomUid.Generate();
        var unknown = directory.Combine("unknown.dcm");
        new DicomFile(new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0008, 0x0016), DicomVR.UI, unknownClass)
            .AddOrUpdate(new DicomTag(0x0008, 0x0018), DicomVR.UI, DicomUid.Generate())).Save(unknown);
        var ct = Samples.PathOf("pydicom/CT_small.dcm");
        var proposal = ProposalBuilder.ForFiles([(unknownClass, TransferSyntax.ExplicitVRLittleEndian.Uid), (StorageUid.CtImage, TransferSyntax.ExplicitVRLittleEndian.Uid)]);
        await using var peer = await StorescpPeer.StartAsync();
        await using var association = await ConnectAsync(peer, proposal, cancellationToken);

        var refused = Assert.ThrowsAsync<PresentationContextNotAcceptedException>(() => association.StoreAsync(unknown, cancellationToken));
        var echo = await association.EchoAsync(cancellationToken);
        var stored = await association.StoreAsync(ct, cancellationToken);
        await association.ReleaseAsync(cancellationToken);

        Assert.That(refused!.SopClassUid, Is.EqualTo(unknownClass));
        Assert.That(refused.Message, Does.Contain(unknownClass).And.Contain(TransferSyntax.ExplicitVRLittleEndian.Uid));
        Assert.That(association.AcceptedContexts.Select(c => c.AbstractSyntax), Does.Not.Contain(unknownClass));
        Assert.That(echo, Is.EqualTo(DimseStatus.Success));
        Assert.That(stored.Status, Is.EqualTo(DimseStatus.Success));
        Assert.That(peer.ReceivedFiles(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StoreAsync_PeerAbortsAfterTheRequest_ThrowsAssociationAborted(CancellationToken cancellationToken)
    {
        var ct = Samples.PathOf("pydicom/CT_small.dcm");
        await using var peer = await StorescpPeer.StartAsync("--abort-after");
        await using var association = await ConnectAsync(peer, ProposalBuilder.ForFiles([(StorageUid.CtImage, TransferSyntax.ExplicitVRLittleEndian.Uid)]), cancellationToken);

        Assert.ThrowsAsync<AssociationAbortedException>(() => association.StoreAsync(ct, cancellationToken));

        Assert.That(association.State, Is.EqualTo(AssociationState.Idle));
        Assert.ThrowsAsync<InvalidOperationException>(() => association.EchoAsync(cancellationToken));
    }

    [Test]
    public async Task StoreAsync_ResponseLaterThanDimseTimeout_ThrowsTimeoutAndAborts(CancellationToken cancellationToken)
    {
        var ct = Samples.PathOf("pydicom/CT_small.dcm");
        await using var peer = await StorescpPeer.StartAsync("--sleep-during", "3");
        var options = new DicomClientOptions { CalledAE = StorescpPeer.AeTitle, DimseTimeout = TimeSpan.FromSeconds(1) };
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, options,
            ProposalBuilder.ForFiles([(StorageUid.CtImage, TransferSyntax.ExplicitVRLittleEndian.Uid)]), cancellationToken);

        var timeout = Assert.ThrowsAsync<TimeoutException>(() => association.StoreAsync(ct, cancellationToken));

        Assert.That(timeout!.Message, Does.Contain("C-STORE-RSP"));
        Assert.That(association.State, Is.EqualTo(AssociationState.Idle));
    }

    /// <summary>
    /// With Nagle's algorithm on, each small C-STORE waits for the peer's delayed ACK (about 40 ms on Linux), which
    /// caps a sender near 20 instances a second. The median exchange is compared, not the total: a loaded machine
    /// delays some exchanges, but the stall would delay every one of them.
    /// </summary>
    [Test]
    public async Task StoreAsync_TwoHundredSmallInstances_NotHeldBackByNagle(CancellationToken cancellationToken)
    {
        const int Count = 200;
        var ct = Samples.PathOf("pydicom/CT_small.dcm");
        await using var peer = await StorescpPeer.StartAsync("--ignore");
        await using var association = await ConnectAsync(peer, ProposalBuilder.ForFiles([(StorageUid.CtImage, TransferSyntax.ExplicitVRLittleEndian.Uid)]), cancellationToken);
        await association.StoreAsync(ct, cancellationToken);

        var exchanges = new List<TimeSpan>(Count);
        for (var i = 0; i < Count; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await association.StoreAsync(ct, cancellationToken);
            exchanges.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            Assert.That(response.Status, Is.EqualTo(DimseStatus.Success));
        }

        await association.ReleaseAsync(cancellationToken);
        exchanges.Sort();
        var median = exchanges[Count / 2];
        TestContext.Out.WriteLine($"{Count} instances, median exchange {median.TotalMilliseconds:0.0} ms");
        Assert.That(median, Is.LessThan(TimeSpan.FromMilliseconds(30)), $"median C-STORE exchange {median.TotalMilliseconds:0.0} ms");
    }

    /// <summary>True when the received file's data set bytes start with all of the original's (a deflated one may gain a pad byte).</summary>
    private static async Task<bool> SameBodyAsync(string original, string received, CancellationToken cancellationToken)
    {
        if (await Part10Body.FindOffsetAsync(original, cancellationToken) is not { } from || await Part10Body.FindOffsetAsync(received, cancellationToken) is not { } to)
        {
            return false;
        }

        var expected = (await File.ReadAllBytesAsync(original, cancellationToken))[(int)from..];
        var actual = (await File.ReadAllBytesAsync(received, cancellationToken))[(int)to..];
        return actual.Length - expected.Length is 0 or 1 && actual.AsSpan(0, expected.Length).SequenceEqual(expected);
    }

    private static Task<DicomAssociation> ConnectAsync(StorescpPeer peer, IReadOnlyList<PresentationContext> proposal, CancellationToken cancellationToken) =>
        DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, new DicomClientOptions { CalledAE = StorescpPeer.AeTitle }, proposal, cancellationToken);
}
