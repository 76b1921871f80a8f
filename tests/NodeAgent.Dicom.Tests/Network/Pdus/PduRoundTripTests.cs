using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

[TestFixture]
public sealed class PduRoundTripTests
{
    private static IEnumerable<TestCaseData> EveryPduType() =>
        PduSamples.OneOfEach().Select(pdu => new TestCaseData(pdu).SetArgDisplayNames(pdu.Type.ToString()));

    [TestCaseSource(nameof(EveryPduType))]
    public async Task WriteThenRead_EveryPduType_ReadsEveryField(Pdu original)
    {
        var bytes = await PduSamples.EncodeAsync(original);

        using var stream = new MemoryStream(bytes, writable: false);
        var decoded = await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength);
        (decoded as IDisposable)?.Dispose();

        Assert.That(decoded, Is.Not.Null);
        Assert.That(decoded!.GetType(), Is.EqualTo(original.GetType()));
        Assert.That(PduDump.Describe(decoded), Is.EqualTo(PduDump.Describe(original)));
        Assert.That(stream.Position, Is.EqualTo(bytes.Length), "the reader consumes exactly one PDU");
    }

    [TestCaseSource(nameof(EveryPduType))]
    public async Task WriteReadWrite_EveryPduType_EncodesTheSameBytes(Pdu original)
    {
        var first = await PduSamples.EncodeAsync(original);

        var decoded = await PduSamples.DecodeAsync(first);
        var second = await PduSamples.EncodeAsync(decoded!);
        (decoded as IDisposable)?.Dispose();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(PduWriter.GetEncodedLength(original), Is.EqualTo(first.Length));
    }

    [Test]
    public async Task ReadAsync_SeveralPdusThenEndOfStream_ReadsEachThenNull()
    {
        using var stream = new MemoryStream();
        foreach (var pdu in PduSamples.OneOfEach())
        {
            await PduWriter.WriteAsync(stream, pdu);
        }

        stream.Position = 0;
        var types = new List<PduType>();
        while (await PduReader.ReadAsync(stream, PduLimits.DefaultMaxPduLength) is { } pdu)
        {
            types.Add(pdu.Type);
            (pdu as IDisposable)?.Dispose();
        }

        Assert.That(types, Is.EqualTo(PduSamples.OneOfEach().Select(p => p.Type)));
    }

    [Test]
    public async Task ReadAsync_EmptyStream_ReturnsNull()
    {
        var pdu = await PduSamples.DecodeAsync([]);

        Assert.That(pdu, Is.Null);
    }

    [Test]
    public async Task ReadAsync_RequestWithPaddedAeTitles_TrimsThem()
    {
        var bytes = await PduSamples.EncodeAsync(PduSamples.FullRequest() with { CalledAE = "  SCP", CallingAE = "SCU   " });

        var request = (AssociateRequest)(await PduSamples.DecodeAsync(bytes))!;

        Assert.That(request.CalledAE, Is.EqualTo("SCP"));
        Assert.That(request.CallingAE, Is.EqualTo("SCU"));
    }

    [Test]
    public async Task ReadAsync_AssociateReject_NamesTheReasonForItsSource()
    {
        var bytes = await PduSamples.EncodeAsync(AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.CalledAETitleNotRecognized));

        var reject = (AssociateReject)(await PduSamples.DecodeAsync(bytes))!;

        Assert.That(bytes, Is.EqualTo(new byte[] { 0x03, 0, 0, 0, 0, 4, 0, 1, 1, 7 }));
        Assert.That(reject.ReasonName, Is.EqualTo(nameof(ServiceUserRejectReason.CalledAETitleNotRecognized)));
    }

    [Test]
    public async Task ReadAsync_AcceptFromPeerWithoutTransferSyntaxForRejectedContext_ReadsEmptySyntax()
    {
        // A 21H item holding only id, reserved, result 3, reserved: some peers leave out the non-significant sub-item.
        var bytes = await PduSamples.EncodeAsync(PduSamples.FullAccept() with { PresentationContexts = [] });
        var patched = RawPdu.InsertItem(bytes, RawPdu.FindItem(bytes, 0x50), [0x21, 0, 0, 4, 5, 0, 3, 0]);

        var accept = (AssociateAccept)(await PduSamples.DecodeAsync(patched))!;

        Assert.That(accept.PresentationContexts, Has.Count.EqualTo(1));
        Assert.That(accept.PresentationContexts[0], Is.EqualTo(new PresentationContextResult(5, PresentationContextResultReason.AbstractSyntaxNotSupported, "")));
        Assert.That(accept.PresentationContexts[0].IsAccepted, Is.False);
    }

    [Test]
    public async Task ReadAsync_UnknownItemBetweenKnownItems_SkipsIt()
    {
        var bytes = await PduSamples.EncodeAsync(PduSamples.FullRequest());
        var patched = RawPdu.InsertItem(bytes, RawPdu.FindItem(bytes, 0x20), [0x99, 0, 0, 3, 1, 2, 3]);

        var request = (AssociateRequest)(await PduSamples.DecodeAsync(patched))!;

        Assert.That(PduDump.Describe(request), Is.EqualTo(PduDump.Describe(PduSamples.FullRequest())));
    }

    [Test]
    public async Task ReadAsync_UserInformationWithoutOptionalItems_ReportsThemAbsent()
    {
        var request = PduSamples.FullRequest() with
        {
            UserInformation = new UserInformation { MaximumLength = 0, ImplementationClassUid = "", ImplementationVersionName = null },
        };

        var decoded = (AssociateRequest)(await PduSamples.DecodeAsync(await PduSamples.EncodeAsync(request)))!;

        var info = decoded.UserInformation;
        Assert.That(info.MaximumLength, Is.Zero);
        Assert.That(info.ImplementationClassUid, Is.Empty);
        Assert.That(info.ImplementationVersionName, Is.Null);
        Assert.That(info.AsynchronousOperationsWindow, Is.Null);
        Assert.That(info.RoleSelections, Is.Empty);
        Assert.That(info.UserIdentityRequest, Is.Null);
        Assert.That(info.UnrecognizedItems, Is.Empty);
    }

    [Test]
    public void ToString_UserIdentityRequest_ShowsNoCredentials()
    {
        var identity = PduSamples.FullRequest().UserInformation.UserIdentityRequest!;

        var text = PduSamples.FullRequest().ToString() + identity;

        Assert.That(text, Does.Not.Contain("jdoe").And.Not.Contain("s3cr3t").And.Not.Contain("6A646F65"));
        Assert.That(text, Does.Contain("UsernameAndPasscode"));
    }

    [TestCase(0)]
    [TestCase(PduLimits.PdvHeaderLength)]
    public void ReadAsync_MaximumLengthTooSmallForAnyData_ThrowsArgumentOutOfRange(int maxPduLength)
    {
        using var stream = new MemoryStream();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await PduReader.ReadAsync(stream, maxPduLength));
    }
}
