using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Testing;
using NUnit.Framework;
using static NodeAgent.Dicom.Tests.Network.Scp.HostilePeer;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// Peers that misbehave on an established association: gone in the middle of an instance, oversized or stray PDVs,
/// unreadable commands. Each must end in an A-ABORT (or the connection closing) with one log line, no partial file
/// left behind, and the listener must still serve the next association (echoscu).
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class HostileDataTests
{
    [TestCase(true, TestName = "Receive_AbortInTheMiddleOfAnInstance_DeletesThePartialFileAndSendsNoResponse")]
    [TestCase(false, TestName = "Receive_ConnectionDropInTheMiddleOfAnInstance_DeletesThePartialFile")]
    public async Task Receive_PeerGoneInTheMiddleOfAnInstance_DeletesThePartialFile(bool sendAbort)
    {
        var sample = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var body = ScpSamples.DatasetBytes(sample);
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.AssociateAsync(RawPeer.Request("QUITTER", RawPeer.CtContext()), cancel.Token);
            await peer.SendCommandAsync(1, DimseCommand.StoreRequest(1, RawPeer.CtImageStorage, DicomUid.Generate()), cancel.Token);
            var half = body.Length / 2;
            await peer.SendDataAsync(1, body.AsMemory(0, half / 2), isLast: false, cancel.Token);
            await peer.SendDataAsync(1, body.AsMemory(half / 2, half - (half / 2)), isLast: false, cancel.Token);
            await WaitUntilAsync(() => host.Handler.PartialFiles.Count == 1 && new FileInfo(host.Handler.PartialFiles[0]).Length == half,
                "the first half of the data set reaches the partial file");

            if (sendAbort)
            {
                await peer.SendAsync(new Abort(AbortSource.ServiceUser, AbortReason.NotSpecified), cancel.Token);
                var after = new List<Pdu>();
                while (await peer.ReceiveAsync(cancel.Token) is { } pdu)
                {
                    after.Add(pdu);
                }

                Assert.That(after, Is.Empty, "no C-STORE-RSP (or anything else) after the peer's A-ABORT");
            }
            else
            {
                peer.Close();
            }
        }

        await AssertEndedAsync(host, sendAbort ? "aborted by peer" : "middle of a data set");
        Assert.That(host.Handler.Aborted, Is.EqualTo(1));
        Assert.That(host.Handler.PartialFiles, Is.Empty);
        Assert.That(host.Handler.Completed, Is.Empty);
        Assert.That(Directory.GetFiles(host.Handler.Directory), Is.Empty);
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_ReleaseRequestInTheMiddleOfAnInstance_AbortsAndDeletesThePartialFile()
    {
        var body = ScpSamples.DatasetBytes(RepoPaths.RequireSample("pydicom/CT_small.dcm"));
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.AssociateAsync(RawPeer.Request("QUITTER", RawPeer.CtContext()), cancel.Token);
            await peer.SendCommandAsync(1, DimseCommand.StoreRequest(1, RawPeer.CtImageStorage, DicomUid.Generate()), cancel.Token);
            await peer.SendDataAsync(1, body.AsMemory(0, 1000), isLast: false, cancel.Token);
            await peer.SendAsync(new ReleaseRequest(), cancel.Token);

            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Reason, Is.EqualTo(AbortReason.UnexpectedPdu));
        }

        await AssertEndedAsync(host, "A-RELEASE-RQ in the middle of a data set");
        Assert.That((host.Handler.Aborted, host.Handler.PartialFiles.Count), Is.EqualTo((1, 0)));
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_DataTransferOverTheMaximumLengthWeAnnounced_Aborts()
    {
        await using var host = await ScpHost.StartAsync(o => o with { MaxPduLength = 16384 });
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var accept = await peer.AssociateAsync(RawPeer.Request("BIGPDU", RawPeer.CtContext()), cancel.Token);
            Assert.That(accept.UserInformation.MaximumLength, Is.EqualTo(16384u));
            await peer.SendCommandAsync(1, DimseCommand.StoreRequest(1, RawPeer.CtImageStorage, DicomUid.Generate()), cancel.Token);
            await peer.SendDataAsync(1, new byte[16384], isLast: true, cancel.Token);

            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Reason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        }

        await AssertEndedAsync(host, "exceeds");
        Assert.That((host.Handler.Aborted, host.Handler.PartialFiles.Count), Is.EqualTo((1, 0)));
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_DataOnAContextNotAccepted_Aborts()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.AssociateAsync(RawPeer.Request("STRAY", RawPeer.CtContext()), cancel.Token);
            await peer.SendCommandAsync(3, DimseCommand.EchoRequest(1), cancel.Token);

            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Reason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        }

        await AssertEndedAsync(host, "not accepted");
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_UnreadableCommandSet_Aborts()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.AssociateAsync(RawPeer.Request("GARBLE", RawPeer.CtContext()), cancel.Token);
            var garbage = new byte[40];
            new Random(7).NextBytes(garbage);
            await PduWriter.WriteDataAsync(peer.Stream, 1, isCommand: true, isLast: true, garbage, cancel.Token);

            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Reason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        }

        await AssertEndedAsync(host, "aborted");
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_SecondAssociateRequestOnAnEstablishedAssociation_AbortsAsUnexpected()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.AssociateAsync(RawPeer.Request("TWICE", RawPeer.CtContext()), cancel.Token);
            await peer.SendAsync(RawPeer.Request("TWICE", RawPeer.CtContext()), cancel.Token);

            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Reason, Is.EqualTo(AbortReason.UnexpectedPdu));
        }

        await AssertEndedAsync(host, "unexpected");
        await host.AssertStillServesAsync();
    }
}
