using System.Diagnostics;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;
using static NodeAgent.Dicom.Tests.Network.Scp.HostilePeer;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// A-ASSOCIATE-RQs that are malformed or absurd. Each is answered quickly (rejected, or accepted without echoing what
/// could not be encoded again), never dropped in silence, and leaves one log line for the association.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class HostileRequestTests
{
    [Test]
    public async Task Receive_AssociateRequestWith1000Contexts_IsRejectedQuicklyAndLogged()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var contexts = Enumerable.Range(0, 1000)
                .Select(i => new PresentationContext((byte)((2 * (i % 128)) + 1), RawPeer.CtImageStorage, [RawPeer.ExplicitLittleEndian]))
                .ToArray();
            var clock = Stopwatch.StartNew();

            await peer.SendAsync(RawPeer.Request("FLOODER", contexts), cancel.Token);
            var answer = await peer.ReceiveAsync(cancel.Token);

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            // 1000 contexts cannot have distinct odd ids (PS3.8 §9.3.2.2 allows 128): a permanent rejection, not an abort.
            Assert.That(answer, Is.EqualTo(AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.NoReasonGiven)));
        }

        await AssertEndedAsync(host, "rejected");
        Assert.That(host.Log.WithEventId(1002).Single().Message, Does.Contain("1000 presentation contexts"), host.Log.Dump());
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_AssociateRequestWithoutPresentationContexts_IsRejectedAndLogged()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.SendAsync(RawPeer.Request("EMPTYRQ"), cancel.Token);

            var answer = await peer.ReceiveAsync(cancel.Token);

            Assert.That(answer, Is.EqualTo(AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.NoReasonGiven)));
        }

        await AssertEndedAsync(host, "rejected");
        Assert.That(host.Log.WithEventId(1002).Single().Message, Does.Contain("no presentation context"), host.Log.Dump());
        await host.AssertStillServesAsync();
    }

    [TestCase(1u)]
    [TestCase(6u)]
    public async Task Receive_MaximumLengthTooSmallForAnyFragment_IsRejected(uint maximumLength)
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var request = RawPeer.Request("TINYPDU", RawPeer.CtContext()) with { UserInformation = new UserInformation { MaximumLength = maximumLength } };
            await peer.SendAsync(request, cancel.Token);

            var answer = await peer.ReceiveAsync(cancel.Token);

            Assert.That(answer, Is.InstanceOf<AssociateReject>(), "a peer that cannot receive any data must not be accepted");
        }

        await AssertEndedAsync(host, "rejected");
        Assert.That(host.Log.WithEventId(1002).Single().Message, Does.Contain("Maximum Length"), host.Log.Dump());
        await host.AssertStillServesAsync();
    }

    [TestCase("EVIL\nAE", TestName = "Receive_CallingAETitleWithANewline_IsRejectedAndLoggedOnOneLine")]
    [TestCase("BAD\\TITLE", TestName = "Receive_CallingAETitleWithABackslash_IsRejected")]
    [TestCase("", TestName = "Receive_BlankCallingAETitle_IsRejected")]
    public async Task Receive_InvalidCallingAETitle_IsRejected(string title)
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var request = RawPeer.Request("PLACEHOLDER", RawPeer.CtContext());
            var bytes = new byte[PduWriter.GetEncodedLength(request)];
            PduWriter.Encode(request, bytes);
            // Header (6), protocol version (2), reserved (2), called AE (16), then the calling AE (16): PS3.8 Table 9-11.
            System.Text.Encoding.ASCII.GetBytes(title.PadRight(16)).CopyTo(bytes.AsSpan(26, 16));

            await peer.SendAsync(bytes, cancel.Token);
            var answer = await peer.ReceiveAsync(cancel.Token);

            Assert.That(answer, Is.EqualTo(AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.CallingAETitleNotRecognized)),
                host.Log.Dump());
        }

        await AssertEndedAsync(host, "rejected");
        Assert.That(host.Log.Entries.Select(e => e.Message), Has.None.Contains("\n"), "a title must not forge log lines");
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Receive_ContextProposingAMalformedTransferSyntaxUid_IsRejectedAndTheRestAccepted()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var request = RawPeer.Request("BADUID", new PresentationContext(1, RawPeer.CtImageStorage, ["1.2.3.4.5.6.7.8"]), RawPeer.CtContext(3));
            var bytes = Corrupt(request, "1.2.3.4.5.6.7.8", "1.2.3.4.5.6.X.8");

            await peer.SendAsync(bytes, cancel.Token);
            var answer = await peer.ReceiveAsync(cancel.Token);

            Assert.That(answer, Is.InstanceOf<AssociateAccept>(), host.Log.Dump());
            var results = ((AssociateAccept)answer!).PresentationContexts;
            Assert.That(results.Select(r => (r.Id, r.Result)), Is.EqualTo(new[]
            {
                ((byte)1, PresentationContextResultReason.TransferSyntaxesNotSupported),
                ((byte)3, PresentationContextResultReason.Acceptance),
            }));
            await peer.ReleaseAsync(cancel.Token);
        }

        await AssertEndedAsync(host, "released");
    }

    [Test]
    public async Task Receive_RoleSelectionWithAMalformedSopClassUid_IsAcceptedWithoutEchoingIt()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            var request = RawPeer.Request("BADROLE", RawPeer.CtContext()) with
            {
                UserInformation = new UserInformation { RoleSelections = [new RoleSelection("1.2.3.4.5.6.7.8", ScuRole: true, ScpRole: false)] },
            };
            var bytes = Corrupt(request, "1.2.3.4.5.6.7.8", "1.2.3.4.5.6.X.8");

            await peer.SendAsync(bytes, cancel.Token);
            var answer = await peer.ReceiveAsync(cancel.Token);

            Assert.That(answer, Is.InstanceOf<AssociateAccept>(), host.Log.Dump());
            Assert.That(((AssociateAccept)answer!).UserInformation.RoleSelections, Is.Empty);
            await peer.ReleaseAsync(cancel.Token);
        }

        await AssertEndedAsync(host, "released");
    }

    [TestCase((ushort)0x0002, AssociateRejectSource.ServiceProviderAcse, (byte)AcseRejectReason.ProtocolVersionNotSupported,
        TestName = "Receive_ProtocolVersionWithoutBit0_IsRejectedAsNotSupported")]
    [TestCase((ushort)0x0003, null, null, TestName = "Receive_ProtocolVersionWithBit0AndMore_IsAccepted")]
    public async Task Receive_ProtocolVersion_IsJudgedOnBit0(ushort version, AssociateRejectSource? source, byte? reason)
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.SendAsync(RawPeer.Request("VERSION", RawPeer.CtContext()) with { ProtocolVersion = version }, cancel.Token);
            var answer = await peer.ReceiveAsync(cancel.Token);

            if (source is null)
            {
                Assert.That(answer, Is.InstanceOf<AssociateAccept>(), host.Log.Dump());
                await peer.ReleaseAsync(cancel.Token);
            }
            else
            {
                Assert.That(answer, Is.EqualTo(new AssociateReject(AssociateRejectResult.Permanent, source.Value, reason!.Value)), host.Log.Dump());
            }
        }

        await AssertEndedAsync(host, source is null ? "released" : "rejected");
    }

    [Test]
    public async Task Receive_ApplicationContextOtherThanDicoms_IsRejected()
    {
        await using var host = await ScpHost.StartAsync();
        var (peer, cancel) = await ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            await peer.SendAsync(RawPeer.Request("OTHERCTX", RawPeer.CtContext()) with { ApplicationContextName = "1.2.3.4" }, cancel.Token);
            var answer = await peer.ReceiveAsync(cancel.Token);

            Assert.That(answer, Is.EqualTo(AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.ApplicationContextNameNotSupported)));
        }

        await AssertEndedAsync(host, "rejected");
    }
}
