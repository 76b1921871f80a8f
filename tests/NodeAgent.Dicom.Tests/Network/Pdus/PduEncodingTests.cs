using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

[TestFixture]
public sealed class PduEncodingTests
{
    private static AssociateRequest MinimalRequest() => new(
        "ANY-SCP",
        "ECHOSCU",
        [new PresentationContext(1, PduSamples.Verification, [PduSamples.ImplicitLittleEndian])],
        new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3.4", ImplementationVersionName = null });

    [Test]
    public async Task WriteAsync_MinimalAssociateRequest_MatchesPs38Table9_11()
    {
        byte[] expected =
        [
            0x01, 0x00, 0x00, 0x00, 0x00, 0xA6,             // A-ASSOCIATE-RQ, reserved, PDU-length 166
            0x00, 0x01, 0x00, 0x00,                         // protocol version 1, reserved
            .. "ANY-SCP         "u8,                        // called AE title, space-padded to 16
            .. "ECHOSCU         "u8,                        // calling AE title, space-padded to 16
            .. new byte[32],                                // reserved
            0x10, 0x00, 0x00, 0x15, .. "1.2.840.10008.3.1.1.1"u8,          // application context item, 21 bytes
            0x20, 0x00, 0x00, 0x2E, 0x01, 0x00, 0x00, 0x00,                 // presentation context 1, 46 bytes
            0x30, 0x00, 0x00, 0x11, .. "1.2.840.10008.1.1"u8,              //   abstract syntax: Verification
            0x40, 0x00, 0x00, 0x11, .. "1.2.840.10008.1.2"u8,              //   transfer syntax: implicit VR LE
            0x50, 0x00, 0x00, 0x13,                                         // user information, 19 bytes
            0x51, 0x00, 0x00, 0x04, 0x00, 0x00, 0x40, 0x00,                 //   maximum length 16384
            0x52, 0x00, 0x00, 0x07, .. "1.2.3.4"u8,                        //   implementation class UID
        ];

        var actual = await PduSamples.EncodeAsync(MinimalRequest());

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Encode_DestinationTooSmall_ThrowsWithoutWriting()
    {
        var destination = new byte[10];

        Assert.Throws<ArgumentException>(() => PduWriter.Encode(MinimalRequest(), destination));
        Assert.That(destination, Is.All.Zero);
    }

    [Test]
    public void Encode_LargeDestination_WritesTheEncodedLength()
    {
        var destination = new byte[1000];

        var written = PduWriter.Encode(new ReleaseRequest(), destination);

        Assert.That(written, Is.EqualTo(10));
        Assert.That(destination[..10], Is.EqualTo(new byte[] { 5, 0, 0, 0, 0, 4, 0, 0, 0, 0 }));
    }

    [TestCase("")]
    [TestCase("                ")]
    [TestCase("SEVENTEEN_CHARS_X")]
    [TestCase("BACK\\SLASH")]
    [TestCase("TAB\tHERE")]
    [TestCase("NON-ASCII-É")]
    public void WriteAsync_InvalidCalledAeTitle_ThrowsArgumentException(string aeTitle)
    {
        var request = MinimalRequest() with { CalledAE = aeTitle };

        Assert.ThrowsAsync<ArgumentException>(async () => await PduSamples.EncodeAsync(request));
    }

    [Test]
    public void WriteAsync_EvenPresentationContextId_ThrowsArgumentException()
    {
        var request = MinimalRequest() with { PresentationContexts = [new PresentationContext(2, PduSamples.Verification, [PduSamples.ImplicitLittleEndian])] };

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await PduSamples.EncodeAsync(request));
    }

    [Test]
    public void WriteAsync_ContextWithoutTransferSyntax_ThrowsArgumentException()
    {
        var request = MinimalRequest() with { PresentationContexts = [new PresentationContext(1, PduSamples.Verification, [])] };

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await PduSamples.EncodeAsync(request));

        Assert.That(error!.Message, Does.Contain("no transfer syntax"));
    }

    [TestCase("1.2.840.10008.1.1 ")]
    [TestCase("1.2.abc")]
    [TestCase("")]
    public void WriteAsync_MalformedAbstractSyntax_ThrowsArgumentException(string uid)
    {
        var request = MinimalRequest() with { PresentationContexts = [new PresentationContext(1, uid, [PduSamples.ImplicitLittleEndian])] };

        Assert.ThrowsAsync<ArgumentException>(async () => await PduSamples.EncodeAsync(request));
    }

    [Test]
    public void WriteAsync_UserIdentityResponseInRequest_ThrowsArgumentException()
    {
        var request = MinimalRequest() with { UserInformation = new UserInformation { UserIdentityResponse = new UserIdentityResponse(new byte[] { 1 }) } };

        Assert.ThrowsAsync<ArgumentException>(async () => await PduSamples.EncodeAsync(request));
    }

    [Test]
    public void WriteAsync_ExtendedNegotiationOverItemLimit_ThrowsArgumentException()
    {
        var info = new UserInformation { ExtendedNegotiations = [new SopClassExtendedNegotiation(PduSamples.CtImageStorage, new byte[70_000])] };

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await PduSamples.EncodeAsync(MinimalRequest() with { UserInformation = info }));

        Assert.That(error!.Message, Does.Contain("65535"));
    }

    [Test]
    public void WriteAsync_UnrecognizedItemWithDefinedType_ThrowsArgumentException()
    {
        var info = new UserInformation { UnrecognizedItems = [new UnrecognizedUserItem(0x51, new byte[4])] };

        Assert.ThrowsAsync<ArgumentException>(async () => await PduSamples.EncodeAsync(MinimalRequest() with { UserInformation = info }));
    }

    [Test]
    public void WriteAsync_DataTransferWithoutValues_ThrowsArgumentException()
    {
        Assert.ThrowsAsync<ArgumentException>(async () => await PduSamples.EncodeAsync(new DataTransfer([])));
    }

    [TestCase("MODALITY", true)]
    [TestCase(" PADDED ", true)]
    [TestCase("SIXTEEN_CHARS_AE", true)]
    [TestCase(null, false)]
    [TestCase("   ", false)]
    [TestCase("A\\B", false)]
    public void IsValid_AeTitle_FollowsPs35(string? aeTitle, bool expected)
    {
        Assert.That(AeTitle.IsValid(aeTitle), Is.EqualTo(expected));
    }

    [TestCase(16384u, 16378)]
    [TestCase(0u, 1 << 20)]
    [TestCase(uint.MaxValue, 1 << 20)]
    public void MaxFragmentLength_PeerMaximum_LeavesRoomForThePdvHeader(uint maxPduLength, int expected)
    {
        Assert.That(PduLimits.MaxFragmentLength(maxPduLength), Is.EqualTo(expected));
    }
}
