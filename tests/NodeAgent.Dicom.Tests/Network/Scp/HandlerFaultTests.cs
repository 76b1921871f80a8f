using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// The C-STORE boundary: whatever the handler does (refuse, fail, throw), the sender gets a C-STORE-RSP with a
/// DICOM status, and the association goes on.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class HandlerFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Stores CT_small over a raw association and returns the C-STORE-RSP; then releases the association.</summary>
    private static async Task<DimseCommand> StoreOnceAsync(ScpHost host, string sopInstanceUid)
    {
        var body = ScpSamples.DatasetBytes(RepoPaths.RequireSample("pydicom/CT_small.dcm"));
        using var cancel = new CancellationTokenSource(Timeout);
        await using var peer = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token);
        await peer.AssociateAsync(RawPeer.Request("FAULTY", RawPeer.CtContext()), cancel.Token);
        await peer.SendCommandAsync(1, DimseCommand.StoreRequest(7, RawPeer.CtImageStorage, sopInstanceUid), cancel.Token);
        await peer.SendDataAsync(1, body.AsMemory(0, 1000), isLast: false, cancel.Token);
        await peer.SendDataAsync(1, body.AsMemory(1000), isLast: true, cancel.Token);

        var answer = await peer.ReceiveAsync(cancel.Token);

        Assert.That(answer, Is.InstanceOf<DataTransfer>(), $"expected a C-STORE-RSP{Environment.NewLine}{host.Log.Dump()}");
        using var data = (DataTransfer)answer!;
        Assert.That(data.Values.Select(v => (v.PresentationContextId, v.IsCommand, v.IsLast)), Is.EqualTo(new[] { ((byte)1, true, true) }));
        var response = DimseCommand.Decode(data.Values[0].Data);
        await peer.ReleaseAsync(cancel.Token);
        return response;
    }

    [Test]
    public async Task Store_HandlerRefuses_AnswersTheRefusalStatusWithItsComment()
    {
        await using var host = await ScpHost.StartAsync(refuse: _ => new StoreResult(DimseStatus.OutOfResources, "Spool below its free-space floor"));
        var uid = DicomUid.Generate();

        var response = await StoreOnceAsync(host, uid);

        Assert.That(response.CommandField, Is.EqualTo(DimseCommandField.CStoreResponse));
        Assert.That(response.MessageIdBeingRespondedTo, Is.EqualTo(7));
        Assert.That(response.AffectedSopInstanceUid, Is.EqualTo(uid));
        Assert.That((response.Status, response.ErrorComment), Is.EqualTo((DimseStatus.OutOfResources, "Spool below its free-space floor")));
        Assert.That(host.Handler.Begun, Is.Zero);
        var summary = await host.Associations.NextEndedAsync(Timeout);
        Assert.That((summary.Instances, summary.Failures, summary.Outcome), Is.EqualTo((1, 1, "released")));
        Assert.That(host.Log.WithEventId(1004).Single().Message, Does.Contain("A700").And.Not.Contain(uid));
    }

    [Test]
    public async Task Store_Success_AnswersSuccessForTheInstance()
    {
        await using var host = await ScpHost.StartAsync();
        var uid = DicomUid.Generate();

        var response = await StoreOnceAsync(host, uid);

        Assert.That((response.Status, response.AffectedSopInstanceUid, response.AffectedSopClassUid), Is.EqualTo((DimseStatus.Success, uid, RawPeer.CtImageStorage)));
        Assert.That(host.Handler.Completed.Single().SopInstanceUid, Is.EqualTo(uid));
    }

    [TestCase(StoreFault.Begin)]
    [TestCase(StoreFault.Write)]
    [TestCase(StoreFault.Complete)]
    public async Task Store_HandlerThrows_AnswersAFailureStatusAndKeepsTheAssociation(StoreFault step)
    {
        var handler = new FaultyStoreHandler(step);
        await using var host = await ScpHost.StartAsync(handler: handler);

        var response = await StoreOnceAsync(host, DicomUid.Generate());

        Assert.That(response.Status.IsFailure, Is.True, response.Status.ToString());
        Assert.That(handler.Disposed, Is.EqualTo(step == StoreFault.Begin ? 0 : 1), "the sink is disposed exactly once");
        var summary = await host.Associations.NextEndedAsync(Timeout);
        Assert.That((summary.Instances, summary.Failures, summary.Outcome), Is.EqualTo((1, 1, "released")));
        Assert.That(host.Log.WithEventId(1001), Has.Count.EqualTo(1));
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Store_CommandForAnotherSopClassThanTheContext_AnswersSopClassNotSupported()
    {
        await using var host = await ScpHost.StartAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        await using var peer = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token);
        await peer.AssociateAsync(RawPeer.Request("MISMATCH", RawPeer.CtContext()), cancel.Token);

        await peer.SendCommandAsync(1, DimseCommand.StoreRequest(1, "1.2.840.10008.5.1.4.1.1.4", DicomUid.Generate()), cancel.Token);
        await peer.SendDataAsync(1, new byte[] { 0x08, 0x00, 0x18, 0x00, 0x55, 0x49, 0x02, 0x00, 0x31, 0x00 }, isLast: true, cancel.Token);
        using var answer = (DataTransfer)(await peer.ReceiveAsync(cancel.Token))!;

        Assert.That(DimseCommand.Decode(answer.Values[0].Data).Status, Is.EqualTo(DimseStatus.SopClassNotSupported));
        Assert.That(host.Handler.Begun, Is.Zero);
        await peer.ReleaseAsync(cancel.Token);
    }

    [Test]
    public async Task Store_InstanceUidWithANonAsciiByte_IsAnsweredEchoingTheSameBytes()
    {
        // Regression: the response re-encoded the UID as ISO_IR 6 text, threw, and the association vanished unanswered.
        var body = ScpSamples.DatasetBytes(RepoPaths.RequireSample("pydicom/CT_small.dcm"));
        await using var host = await ScpHost.StartAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        await using var peer = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token);
        await peer.AssociateAsync(RawPeer.Request("LATIN1", RawPeer.CtContext()), cancel.Token);
        var command = DimseCommand.StoreRequest(3, RawPeer.CtImageStorage, "1.2.3.4.5.6.7.8.9").Encode();
        var at = command.AsSpan().IndexOf("1.2.3.4.5.6.7.8.9"u8);
        command[at + 1] = 0x9F;

        await PduWriter.WriteDataAsync(peer.Stream, 1, isCommand: true, isLast: true, command, cancel.Token);
        await peer.SendDataAsync(1, body, isLast: true, cancel.Token);
        var answer = await peer.ReceiveAsync(cancel.Token);

        Assert.That(answer, Is.InstanceOf<DataTransfer>(), host.Log.Dump());
        using var data = (DataTransfer)answer!;
        var response = DimseCommand.Decode(data.Values[0].Data);
        var echoed = response.Dataset.Get<DicomElement>(DicomTags.AffectedSOPInstanceUID)!.Data.ReadAll().ToArray();
        Assert.That(echoed, Is.EqualTo(command.AsSpan(at, 18).ToArray()), "the UID's bytes, with their padding");
        Assert.That(response.MessageIdBeingRespondedTo, Is.EqualTo(3));
        await peer.ReleaseAsync(cancel.Token);
    }

    [Test]
    public async Task Echo_OnAVerificationContext_AnswersSuccessToItsMessageId()
    {
        await using var host = await ScpHost.StartAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        await using var peer = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token);
        await peer.AssociateAsync(RawPeer.Request("ECHOER", new PresentationContext(1, KnownUids.Verification, [RawPeer.ImplicitLittleEndian])), cancel.Token);

        await peer.SendCommandAsync(1, DimseCommand.EchoRequest(42), cancel.Token);
        using var answer = (DataTransfer)(await peer.ReceiveAsync(cancel.Token))!;
        var response = DimseCommand.Decode(answer.Values[0].Data);

        Assert.That((response.CommandField, response.MessageIdBeingRespondedTo, response.Status), Is.EqualTo((DimseCommandField.CEchoResponse, (ushort)42, DimseStatus.Success)));
        await peer.ReleaseAsync(cancel.Token);
    }
}
