using System.Buffers.Binary;
using System.Diagnostics;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;
using static NodeAgent.Dicom.Tests.Network.Scp.HostilePeer;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// Peers that break the framing or the timing: noise, absurd lengths, PDUs out of order, trickled bytes, a peer that
/// never reads. Each must end in an A-ABORT (or the connection closing) with one log line for the association, and the
/// listener must still serve the next association (echoscu).
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class HostileFramingTests
{
    [TestCase(0xA5, TestName = "Receive_RandomBytesWithAnUnknownPduType_AbortsAndKeepsServing")]
    [TestCase(0x01, TestName = "Receive_RandomBytesAfterAnAssociateRequestHeader_AbortsAndKeepsServing")]
    public async Task Receive_RandomBytes_AbortsAndKeepsServing(int firstByte)
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var bytes = new byte[512];
            new Random(20240611).NextBytes(bytes);
            bytes[0] = (byte)firstByte;
            if (firstByte == 0x01)
            {
                // A believable header: the body that follows is noise.
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(2), (uint)(bytes.Length - 6));
            }

            await peer.SendAsync(bytes, cancel.Token);
            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Source, Is.EqualTo(AbortSource.ServiceProvider));
        }

        await AssertEndedAsync(host, "aborted");
        await host.AssertStillServesAsync();
    }

    [TestCase(0x01, TestName = "Receive_AssociateRequestClaiming2GiB_AbortsWithoutWaitingForTheBody")]
    [TestCase(0x04, TestName = "Receive_DataTransferClaiming2GiB_AbortsWithoutWaitingForTheBody")]
    public async Task Receive_HugeDeclaredLength_AbortsWithoutWaitingForTheBody(int pduType)
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var header = new byte[6];
            header[0] = (byte)pduType;
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(2), 0x7FFFFFFF);
            var clock = Stopwatch.StartNew();

            await peer.SendAsync(header, cancel.Token);
            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Reason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "the length must be refused from the header alone");
        }

        await AssertEndedAsync(host, "exceeds");
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_DataTransferBeforeAssociation_AbortsAsUnexpected()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.SendCommandAsync(1, DimseCommand.EchoRequest(1), cancel.Token);
            var abort = await peer.ExpectAbortAsync(Quick);

            Assert.That(abort?.Reason, Is.EqualTo(AbortReason.UnexpectedPdu));
        }

        await AssertEndedAsync(host, "expected A-ASSOCIATE-RQ");
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_OneBytePerSecondBeforeAssociation_AbortsAtTheArtimTimeout()
    {
        await using var host = await ScpHost.StartAsync(o => o with { ArtimTimeout = TimeSpan.FromSeconds(2), IdleTimeout = TimeSpan.FromSeconds(2) });
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var request = new byte[PduWriter.GetEncodedLength(RawPeer.Request("SLOWPOKE", RawPeer.CtContext()))];
            PduWriter.Encode(RawPeer.Request("SLOWPOKE", RawPeer.CtContext()), request);
            var clock = Stopwatch.StartNew();

            var trickle = TrickleAsync(peer, request, cancel.Token);
            var abort = await peer.ExpectAbortAsync(TimeSpan.FromSeconds(6));
            await cancel.CancelAsync();
            await trickle;

            Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5)));
            Assert.That(abort, Is.Not.Null, "a timed-out association is told why with an A-ABORT");
        }

        await AssertEndedAsync(host, "ARTIM");
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_OneBytePerSecondOnAnEstablishedAssociation_AbortsAtTheIdleTimeout()
    {
        await using var host = await ScpHost.StartAsync(o => o with { ArtimTimeout = TimeSpan.FromSeconds(2), IdleTimeout = TimeSpan.FromSeconds(2) });
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var accept = await peer.AssociateAsync(RawPeer.Request("SLOWPOKE", new PresentationContext(1, KnownUids.Verification, [RawPeer.ImplicitLittleEndian])), cancel.Token);
            Assert.That(accept.PresentationContexts.Single().IsAccepted, Is.True);
            var echo = DimseCommand.EchoRequest(1).Encode();
            var pdu = new byte[PduWriter.GetEncodedLength(new DataTransfer([new PresentationDataValue(1, true, true, echo)]))];
            PduWriter.Encode(new DataTransfer([new PresentationDataValue(1, true, true, echo)]), pdu);
            var clock = Stopwatch.StartNew();

            var trickle = TrickleAsync(peer, pdu, cancel.Token);
            var abort = await peer.ExpectAbortAsync(TimeSpan.FromSeconds(6));
            await cancel.CancelAsync();
            await trickle;

            Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5)));
            Assert.That(abort, Is.Not.Null, "a timed-out association is told why with an A-ABORT");
        }

        await AssertEndedAsync(host, "idle timeout");
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Send_PeerThatNeverReadsItsResponses_IsAbortedAtTheIdleTimeout()
    {
        // The peer floods C-ECHO-RQs and never reads: our responses fill both socket buffers and our write blocks.
        // Then it goes quiet. The idle timeout must bound that write as it bounds reads, or the association lives forever.
        await using var host = await ScpHost.StartAsync(o => o with { IdleTimeout = TimeSpan.FromSeconds(2) });
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.AssociateAsync(RawPeer.Request("DEAFPEER", new PresentationContext(1, KnownUids.Verification, [RawPeer.ImplicitLittleEndian])), cancel.Token);
            var echo = DimseCommand.EchoRequest(1).Encode();
            var pdu = new byte[PduWriter.GetEncodedLength(new DataTransfer([new PresentationDataValue(1, true, true, echo)]))];
            PduWriter.Encode(new DataTransfer([new PresentationDataValue(1, true, true, echo)]), pdu);
            var burst = Enumerable.Repeat(pdu, 1000).SelectMany(b => b).ToArray();
            var clock = Stopwatch.StartNew();
            try
            {
                // Until our own writes stall: the listener has stopped reading because it is stuck writing.
                while (clock.Elapsed < TimeSpan.FromSeconds(10))
                {
                    using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
                    stall.CancelAfter(TimeSpan.FromMilliseconds(500));
                    await peer.Stream.WriteAsync(burst, stall.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // Stalled, or the listener hung up.
            }

            // A bound on the wait, not on the timeout: a loaded machine may take a while to notice the stalled write.
            var summary = await host.Associations.NextEndedAsync(TimeSpan.FromSeconds(20));

            Assert.That(summary.Outcome, Does.Contain("did not read our response"), host.Log.Dump());
        }

        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_ConnectionClosedWithoutAnyPdu_LogsTheAssociationAndKeepsServing()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            peer.Close();
        }

        await AssertEndedAsync(host, "connection closing");
        await host.AssertStillServesAsync();
    }
}
