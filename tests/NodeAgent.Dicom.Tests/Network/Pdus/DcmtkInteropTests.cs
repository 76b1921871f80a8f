using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>DCMTK's echoscu talks to a bare listener that speaks only through <see cref="PduReader"/> and <see cref="PduWriter"/>.</summary>
[TestFixture]
[Category("Interop")]
public sealed class DcmtkInteropTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task ReadAsync_EchoscuAssociateRequest_DecodesTheRequestAndEchoscuReadsOurReject()
    {
        var echoscu = Peers.Require("echoscu");
        using var cancel = new CancellationTokenSource(Timeout);
        using var listener = Listen(out var port);
        var run = ProcessRunner.RunAsync(echoscu, ["-v", "-aet", "TESTSCU", "-aec", "ANY", "127.0.0.1", port], Timeout, cancellationToken: cancel.Token);

        using (var client = await listener.AcceptTcpClientAsync(cancel.Token))
        await using (var stream = client.GetStream())
        {
            var request = await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength, cancel.Token) as AssociateRequest;

            Assert.That(request, Is.Not.Null);
            Assert.That(request!.CallingAE, Is.EqualTo("TESTSCU"));
            Assert.That(request.CalledAE, Is.EqualTo("ANY"));
            Assert.That(request.ProtocolVersion, Is.EqualTo(1));
            Assert.That(request.ApplicationContextName, Is.EqualTo(AssociatePdu.DicomApplicationContextName));
            Assert.That(request.PresentationContexts, Has.Count.EqualTo(1));
            Assert.That(request.PresentationContexts[0].Id, Is.EqualTo(1));
            Assert.That(request.PresentationContexts[0].AbstractSyntax, Is.EqualTo(PduSamples.Verification));
            Assert.That(request.PresentationContexts[0].TransferSyntaxes, Does.Contain(PduSamples.ImplicitLittleEndian));
            Assert.That(request.UserInformation.MaximumLength, Is.GreaterThan(0u));
            Assert.That(DicomUid.IsValid(request.UserInformation.ImplementationClassUid), Is.True, request.UserInformation.ImplementationClassUid);

            var reject = AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.CalledAETitleNotRecognized);
            await PduWriter.WriteAsync(stream, reject, cancel.Token);
        }

        var result = await run;
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StdOut + result.StdErr, Does.Contain("Called AE Title Not Recognized"));
    }

    [Test]
    public async Task WriteAsync_AcceptEchoResponseAndRelease_EchoscuSucceeds()
    {
        var echoscu = Peers.Require("echoscu");
        using var cancel = new CancellationTokenSource(Timeout);
        using var listener = Listen(out var port);
        var run = ProcessRunner.RunAsync(echoscu, ["-v", "-aet", "TESTSCU", "-aec", "NODEAGENT", "127.0.0.1", port], Timeout, cancellationToken: cancel.Token);

        using (var client = await listener.AcceptTcpClientAsync(cancel.Token))
        await using (var stream = client.GetStream())
        {
            var request = (AssociateRequest)(await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength, cancel.Token))!;
            var accept = new AssociateAccept(
                request.CalledAE,
                request.CallingAE,
                [.. request.PresentationContexts.Select(c => new PresentationContextResult(c.Id, PresentationContextResultReason.Acceptance, PduSamples.ImplicitLittleEndian))],
                new UserInformation());
            await PduWriter.WriteAsync(stream, accept, cancel.Token);

            ushort messageId;
            using (var echo = (DataTransfer)(await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength, cancel.Token))!)
            {
                Assert.That(echo.Values, Has.Count.EqualTo(1));
                var command = echo.Values[0];
                Assert.That((command.PresentationContextId, command.IsCommand, command.IsLast), Is.EqualTo(((byte)1, true, true)));
                Assert.That(UInt16Element(command.Data.Span, 0x0100), Is.EqualTo(0x0030), "C-ECHO-RQ");
                messageId = UInt16Element(command.Data.Span, 0x0110);
            }

            await PduWriter.WriteDataAsync(stream, 1, isCommand: true, isLast: true, EchoResponse(messageId), cancel.Token);
            var release = await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength, cancel.Token);
            Assert.That(release, Is.InstanceOf<ReleaseRequest>());
            await PduWriter.WriteAsync(stream, new ReleaseResponse(), cancel.Token);
            Assert.That(await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength, cancel.Token), Is.Null, "echoscu closes after the release");
        }

        var result = await run;
        Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
        Assert.That(result.StdOut + result.StdErr, Does.Contain("Association Accepted").And.Contain("Success"));
    }

    private static TcpListener Listen(out string port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return listener;
    }

    /// <summary>The US value of a group 0000 element in an implicit VR little endian command set (PS3.7 §6.3.1).</summary>
    private static ushort UInt16Element(ReadOnlySpan<byte> command, ushort element)
    {
        for (var offset = 0; offset + 8 <= command.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(command[(offset + 4)..]);
            if (BinaryPrimitives.ReadUInt16LittleEndian(command[(offset + 2)..]) == element)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(command[(offset + 8)..]);
            }

            offset += 8 + length;
        }

        throw new AssertionException($"The command has no element (0000,{element:X4}).");
    }

    /// <summary>A C-ECHO-RSP command set, success, in implicit VR little endian (PS3.7 §9.3.5.2): test data, not a DIMSE encoder.</summary>
    private static byte[] EchoResponse(ushort messageId)
    {
        byte[] elements =
        [
            .. Element(0x0002, [.. "1.2.840.10008.1.1"u8, 0]),   // Affected SOP Class UID, padded to even length
            .. Element(0x0100, [0x30, 0x80]),                  // Command Field: C-ECHO-RSP
            .. Element(0x0120, [(byte)messageId, (byte)(messageId >> 8)]), // Message ID Being Responded To
            .. Element(0x0800, [0x01, 0x01]),                  // Command Data Set Type: none
            .. Element(0x0900, [0x00, 0x00]),                  // Status: success
        ];
        var length = elements.Length;
        return [.. Element(0x0000, [(byte)length, (byte)(length >> 8), (byte)(length >> 16), (byte)(length >> 24)]), .. elements];
    }

    private static byte[] Element(ushort element, byte[] value) =>
        [0, 0, (byte)element, (byte)(element >> 8), (byte)value.Length, (byte)(value.Length >> 8), 0, 0, .. value];
}
