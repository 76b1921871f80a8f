using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Testing;
using NUnit.Framework;
using AssociationState = NodeAgent.Dicom.Network.Association.AssociationState;

namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>The requestor's protocol machine against a scripted acceptor: collisions, aborts, faults and timeouts.</summary>
[TestFixture]
[CancelAfter(20_000)]
public sealed class DicomAssociationProtocolTests
{
    private static readonly DicomClientOptions Options = new() { CalledAE = "SCRIPTED", ArtimTimeout = TimeSpan.FromSeconds(2), DimseTimeout = TimeSpan.FromSeconds(2) };

    [Test]
    public async Task ReleaseAsync_ReleaseCollision_AnswersThePeerThenCompletes(CancellationToken cancellationToken)
    {
        using var peer = new ScriptedPeer();
        var script = peer.RunAsync(async stream =>
        {
            await ScriptedPeer.AcceptAsync(stream, cancellationToken);
            await ScriptedPeer.ReadAsync<ReleaseRequest>(stream, cancellationToken);

            // The acceptor asked for release at the same time (PS3.8 §9.2.3): the requestor must answer first.
            await PduWriter.WriteAsync(stream, new ReleaseRequest(), cancellationToken);
            await ScriptedPeer.ReadAsync<ReleaseResponse>(stream, cancellationToken);
            await PduWriter.WriteAsync(stream, new ReleaseResponse(), cancellationToken);
        }, cancellationToken);
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, Options, ProposalBuilder.ForFiles([]), cancellationToken);

        await association.ReleaseAsync(cancellationToken);
        await script;

        Assert.That(association.State, Is.EqualTo(AssociationState.Idle));
    }

    [Test]
    public async Task ConnectAsync_PeerAborts_ThrowsAssociationAborted(CancellationToken cancellationToken)
    {
        using var peer = new ScriptedPeer();
        var script = peer.RunAsync(async stream =>
        {
            await ScriptedPeer.ReadAsync<AssociateRequest>(stream, cancellationToken);
            await PduWriter.WriteAsync(stream, new Abort(AbortSource.ServiceProvider, AbortReason.UnrecognizedPdu), cancellationToken);
        }, cancellationToken);

        var aborted = Assert.ThrowsAsync<AssociationAbortedException>(() =>
            DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, Options, ProposalBuilder.ForFiles([]), cancellationToken));
        await script;

        Assert.That(aborted!.AbortSource, Is.EqualTo(AbortSource.ServiceProvider));
        Assert.That(aborted.AbortReason, Is.EqualTo(AbortReason.UnrecognizedPdu));
    }

    [Test]
    public async Task ConnectAsync_PeerNeverAnswers_ThrowsTimeoutAfterArtim(CancellationToken cancellationToken)
    {
        using var peer = new ScriptedPeer();
        var script = peer.RunAsync(async stream =>
        {
            await ScriptedPeer.ReadAsync<AssociateRequest>(stream, cancellationToken);
            var next = await PduReader.ReadAsync(stream, 1 << 20, cancellationToken);
            Assert.That(next, Is.InstanceOf<Abort>(), "the requestor aborts when it gives up");
        }, cancellationToken);

        var timeout = Assert.ThrowsAsync<TimeoutException>(() =>
            DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, Options, ProposalBuilder.ForFiles([]), cancellationToken));
        await script;

        Assert.That(timeout!.Message, Does.Contain("A-ASSOCIATE-AC"));
    }

    [Test]
    public async Task EchoAsync_ResponseToAnotherMessage_AbortsWithPduException(CancellationToken cancellationToken)
    {
        using var peer = new ScriptedPeer();
        Pdu? afterResponse = null;
        var script = peer.RunAsync(async stream =>
        {
            await ScriptedPeer.AcceptAsync(stream, cancellationToken);
            var (contextId, request) = await ScriptedPeer.ReadCommandAsync(stream, cancellationToken);
            var wrong = DimseCommand.Response(DimseCommand.EchoRequest((ushort)(request.MessageId + 7)), DimseStatus.Success);
            await PduWriter.WriteDataAsync(stream, contextId, isCommand: true, isLast: true, wrong.Encode(), cancellationToken);
            afterResponse = await PduReader.ReadAsync(stream, 1 << 20, cancellationToken);
        }, cancellationToken);
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, Options, ProposalBuilder.ForFiles([]), cancellationToken);

        var fault = Assert.ThrowsAsync<PduException>(() => association.EchoAsync(cancellationToken));
        await script;

        Assert.That(fault!.Message, Does.Contain("not to message"));
        Assert.That(afterResponse, Is.EqualTo(new Abort(AbortSource.ServiceProvider, AbortReason.UnexpectedPduParameter)));
        Assert.That(association.State, Is.EqualTo(AssociationState.Idle));
    }

    [Test]
    public async Task EchoAsync_TwoRequests_MessageIdsIncrement(CancellationToken cancellationToken)
    {
        using var peer = new ScriptedPeer();
        var ids = new List<ushort>();
        var script = peer.RunAsync(async stream =>
        {
            await ScriptedPeer.AcceptAsync(stream, cancellationToken);
            for (var i = 0; i < 2; i++)
            {
                var (contextId, request) = await ScriptedPeer.ReadCommandAsync(stream, cancellationToken);
                ids.Add(request.MessageId);
                var response = DimseCommand.Response(request, DimseStatus.Success);
                await PduWriter.WriteDataAsync(stream, contextId, isCommand: true, isLast: true, response.Encode(), cancellationToken);
            }

            await ScriptedPeer.ReadAsync<ReleaseRequest>(stream, cancellationToken);
            await PduWriter.WriteAsync(stream, new ReleaseResponse(), cancellationToken);
        }, cancellationToken);
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, Options, ProposalBuilder.ForFiles([]), cancellationToken);

        await association.EchoAsync(cancellationToken);
        await association.EchoAsync(cancellationToken);
        await association.ReleaseAsync(cancellationToken);
        await script;

        Assert.That(ids, Is.EqualTo(new ushort[] { 1, 2 }));
    }

    [Test]
    public async Task DisposeAsync_WithoutRelease_SendsUserAbort(CancellationToken cancellationToken)
    {
        using var peer = new ScriptedPeer();
        Pdu? received = null;
        var script = peer.RunAsync(async stream =>
        {
            await ScriptedPeer.AcceptAsync(stream, cancellationToken);
            received = await PduReader.ReadAsync(stream, 1 << 20, cancellationToken);
        }, cancellationToken);
        var association = await DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, Options, ProposalBuilder.ForFiles([]), cancellationToken);

        await association.DisposeAsync();
        await script;

        Assert.That(received, Is.EqualTo(new Abort(AbortSource.ServiceUser, AbortReason.NotSpecified)));
        Assert.That(association.State, Is.EqualTo(AssociationState.Idle));
    }

    [Test]
    public async Task StoreAsync_CancelledWhileThePeerDoesNotRead_ThrowsCancelledAndEndsTheAssociation(CancellationToken cancellationToken)
    {
        using var directory = new TempDirectory("scu-cancel");
        var path = directory.Combine("large.dcm");
        new DicomFile(new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0008, 0x0016), DicomVR.UI, StorageUid.MultiFrameGrayscaleWord)
            .AddOrUpdate(new DicomTag(0x0008, 0x0018), DicomVR.UI, DicomUid.Generate())
            .AddOrUpdate(new DicomElement(new DicomTag(0x7FE0, 0x0010), DicomVR.OW, new PatternByteSource(64L << 20)))).Save(path);
        using var peer = new ScriptedPeer();
        var release = new TaskCompletionSource();
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = peer.RunAsync(async stream =>
        {
            await ScriptedPeer.AcceptAsync(stream, cancellationToken);
            // The command has started to arrive: from here on the peer reads nothing, so the data set stalls.
            await ScriptedPeer.ReadCommandAsync(stream, cancellationToken);
            sending.SetResult();
            await release.Task.WaitAsync(cancellationToken);
        }, cancellationToken);
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", peer.Port, Options,
            ProposalBuilder.ForFiles([(StorageUid.MultiFrameGrayscaleWord, TransferSyntax.ExplicitVRLittleEndian.Uid)]), cancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Cancelled once the request is going out (not after a fixed delay, which a loaded machine can spend in
        // planning, before anything is sent and when cancelling rightly leaves the association established).
        var store = association.StoreAsync(path, cancel.Token);
        await sending.Task.WaitAsync(cancellationToken);
        await cancel.CancelAsync();

        Assert.That(async () => await store, Throws.InstanceOf<OperationCanceledException>());
        release.SetResult();
        await script;

        Assert.That(association.State, Is.EqualTo(AssociationState.Idle));
    }

    [Test]
    public void ConnectAsync_NobodyListening_ThrowsDicomAssociationException()
    {
        int port;
        using (var peer = new ScriptedPeer())
        {
            port = peer.Port;
        }

        Assert.ThrowsAsync<DicomAssociationException>(() =>
            DicomAssociation.ConnectAsync("127.0.0.1", port, Options, ProposalBuilder.ForFiles([]), CancellationToken.None));
    }
}
