using System.Diagnostics;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>
/// Hostile and broken PDUs: each ends in a <see cref="PduException"/> carrying the A-ABORT reason and a message that names
/// the PDU, never in an out-of-memory, a hang or an exception of another type.
/// </summary>
[TestFixture]
public sealed class MalformedPduTests
{
    private const int MaxPdu = PduLimits.DefaultMaxPduLength;

    [TestCase(0x04, TestName = "ReadAsync_DataTransferLength0x7FFFFFFF_ThrowsInvalidValueWithoutAllocating")]
    [TestCase(0x01, TestName = "ReadAsync_AssociateRequestLength0x7FFFFFFF_ThrowsInvalidValueWithoutAllocating")]
    public void ReadAsync_Length0x7FFFFFFF_ThrowsInvalidValueWithoutAllocating(byte type)
    {
        using var stream = new MemoryStream([type, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0, 1, 2, 3]);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.ThrowsAsync<PduException>(async () => await PduReader.ReadAsync(stream, MaxPdu));

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 * 1024));
        Assert.That(error!.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.PduLength, Is.EqualTo(0x7FFFFFFFu));
        Assert.That(error.Message, Does.Contain("2147483647").And.Contain($"{type:X2}H"));
    }

    [Test]
    public async Task ReadAsync_DataTransferOneByteOverTheMaximum_ThrowsInvalidValue()
    {
        var bytes = await PduSamples.EncodeAsync(new DataTransfer([new PresentationDataValue(1, false, true, new byte[1001 - 6])]));

        var error = ReadFails(bytes, maxPduLength: 1000);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("1001").And.Contain("P-DATA-TF"));
    }

    [Test]
    public void ReadAsync_AssociateRequestOverTheAssociationCap_ThrowsInvalidValue()
    {
        byte[] header = [0x01, 0x00, .. BigEndian(PduLimits.MaxAssociationPduLength + 1)];

        var error = ReadFails(header);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("A-ASSOCIATE-RQ"));
    }

    [TestCase((byte)0x00)]
    [TestCase((byte)0x08)]
    [TestCase((byte)0xFF)]
    public void ReadAsync_UnknownPduType_ThrowsUnrecognizedPdu(byte type)
    {
        var error = ReadFails([type, 0, 0, 0, 0, 4, 0, 0, 0, 0]);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.UnrecognizedPdu));
        Assert.That(error.Message, Does.Contain($"{type:X2}H"));
    }

    [Test]
    public async Task ReadAsync_ItemLengthPastTheEndOfThePdu_ThrowsInvalidValue()
    {
        var bytes = await MinimalRequestAsync();
        var userInformation = RawPdu.FindItem(bytes, 0x50);
        RawPdu.SetUInt16(bytes, userInformation + 2, 200);

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("User Information item").And.Contain("Item-length 200"));
    }

    [Test]
    public async Task ReadAsync_SubItemPastItsParentItem_ThrowsInvalidValue()
    {
        var bytes = await MinimalRequestAsync();
        var abstractSyntax = RawPdu.FindItem(bytes, 0x30, RawPdu.FindItem(bytes, 0x20) + 8);
        RawPdu.SetUInt16(bytes, abstractSyntax + 2, 40);

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("Abstract Syntax sub-item").And.Contain("Presentation Context item"));
    }

    [Test]
    public async Task ReadAsync_PduLengthLongerThanItsItems_ThrowsInvalidValue()
    {
        var minimal = await MinimalRequestAsync();
        byte[] bytes = [.. minimal, 0x51, 0x00, 0x00];
        RawPdu.SetPduLength(bytes, (uint)(bytes.Length - 6));

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("do not add up"));
    }

    [Test]
    public async Task ReadAsync_PduLengthShorterThanItsItems_ThrowsInvalidValue()
    {
        var bytes = await MinimalRequestAsync();
        RawPdu.SetPduLength(bytes, (uint)(bytes.Length - 6 - 2));

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
    }

    [TestCase(0u, TestName = "ReadAsync_PdvItemLengthZero_ThrowsInvalidValue")]
    [TestCase(1u, TestName = "ReadAsync_PdvItemLengthOne_ThrowsInvalidValue")]
    [TestCase(13u, TestName = "ReadAsync_PdvItemLengthPastThePdu_ThrowsInvalidValue")]
    public void ReadAsync_PdvItemLengthInconsistent_ThrowsInvalidValue(uint itemLength)
    {
        byte[] bytes = [0x04, 0x00, 0, 0, 0, 16, .. BigEndian(itemLength), 1, 3, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9];

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain($"Item-length {itemLength}"));
    }

    [Test]
    public void ReadAsync_PdvItemsShortOfThePduLength_ThrowsInvalidValue()
    {
        byte[] bytes = [0x04, 0x00, 0, 0, 0, 10, 0, 0, 0, 3, 1, 3, 9, 0, 0, 0];

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("do not add up"));
    }

    [TestCase(1)]
    [TestCase(5)]
    public async Task ReadAsync_StreamEndsInTheHeader_ThrowsTruncated(int length)
    {
        var bytes = (await MinimalRequestAsync())[..length];

        var error = ReadTruncated(bytes);

        Assert.That(error.Received, Is.EqualTo(length));
        Assert.That(error.Expected, Is.EqualTo(6));
        Assert.That(error.PduType, Is.EqualTo(PduType.AssociateRequest));
    }

    [Test]
    public async Task ReadAsync_StreamEndsInTheBody_ThrowsTruncated()
    {
        var whole = await MinimalRequestAsync();

        var error = ReadTruncated(whole[..^5]);

        Assert.That(error.Received, Is.EqualTo(whole.Length - 6 - 5));
        Assert.That(error.Expected, Is.EqualTo(whole.Length - 6));
        Assert.That(error.Message, Does.Contain("A-ASSOCIATE-RQ").And.Contain("body"));
    }

    [TestCase((byte)0)]
    [TestCase((byte)2)]
    [TestCase((byte)254)]
    public async Task ReadAsync_EvenPresentationContextIdInRequest_ThrowsInvalidValue(byte id)
    {
        var bytes = await MinimalRequestAsync();
        bytes[RawPdu.FindItem(bytes, 0x20) + 4] = id;

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain($"Presentation-context-ID {id}"));
    }

    [Test]
    public async Task ReadAsync_EvenPresentationContextIdInAccept_ThrowsInvalidValue()
    {
        var bytes = await PduSamples.EncodeAsync(PduSamples.FullAccept());
        bytes[RawPdu.FindItem(bytes, 0x21) + 4] = 4;

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
    }

    [Test]
    public void ReadAsync_EvenPresentationContextIdInPdv_ThrowsInvalidValue()
    {
        byte[] bytes = [0x04, 0x00, 0, 0, 0, 7, 0, 0, 0, 3, 2, 3, 9];

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("Presentation-context-ID 2"));
    }

    [TestCase((byte)0x03, 3u)]
    [TestCase((byte)0x05, 5u)]
    [TestCase((byte)0x06, 0u)]
    [TestCase((byte)0x07, 8u)]
    public void ReadAsync_FixedLengthPduWithOtherLength_ThrowsInvalidValue(byte type, uint length)
    {
        byte[] bytes = [type, 0, .. BigEndian(length), .. new byte[length]];

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
    }

    [Test]
    public async Task ReadAsync_AssociateRequestShorterThanItsFixedFields_ThrowsInvalidValue()
    {
        var bytes = (await MinimalRequestAsync())[..(6 + 40)];
        RawPdu.SetPduLength(bytes, 40);

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("68"));
    }

    [Test]
    public async Task ReadAsync_SecondApplicationContextItem_ThrowsUnexpectedParameter()
    {
        var bytes = await MinimalRequestAsync();
        var patched = RawPdu.InsertItem(bytes, RawPdu.FindItem(bytes, 0x20), [0x10, 0, 0, 3, .. "1.2"u8]);

        var error = ReadFails(patched);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.UnexpectedPduParameter));
    }

    [Test]
    public async Task ReadAsync_AcceptContextItemInRequest_ThrowsUnexpectedParameter()
    {
        var bytes = await MinimalRequestAsync();
        var patched = RawPdu.InsertItem(bytes, RawPdu.FindItem(bytes, 0x50), [0x21, 0, 0, 4, 1, 0, 0, 0]);

        var error = ReadFails(patched);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.UnexpectedPduParameter));
        Assert.That(error.Message, Does.Contain("A-ASSOCIATE-RQ"));
    }

    [Test]
    public async Task ReadAsync_UserIdentityResponseInRequest_ThrowsUnexpectedParameter()
    {
        var bytes = await RequestWithUserItemAsync(0x59, [0x00, 0x01, 0xAA]);

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.UnexpectedPduParameter));
    }

    [Test]
    public async Task ReadAsync_SecondMaximumLengthSubItem_ThrowsUnexpectedParameter()
    {
        var bytes = await RequestWithUserItemAsync(0x51, [0x00, 0x00, 0x40, 0x00]);

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.UnexpectedPduParameter));
    }

    [Test]
    public async Task ReadAsync_MaximumLengthSubItemOfThreeBytes_ThrowsInvalidValue()
    {
        var bytes = await MinimalRequestAsync();
        var userInformation = RawPdu.FindItem(bytes, 0x50);
        var patched = RawPdu.InsertItem(bytes, userInformation + 4, [0x51, 0, 0, 3, 0, 0x40, 0]);
        RawPdu.SetUInt16(patched, userInformation + 2, (ushort)(patched.Length - userInformation - 4));
        patched[userInformation + 4 + 7] = 0x7E;

        var error = ReadFails(patched);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("Maximum-length-received"));
    }

    [Test]
    public async Task ReadAsync_RoleSelectionWithTrailingBytes_ThrowsInvalidValue()
    {
        var bytes = await RequestWithUserItemAsync(0x54, [0x00, 0x01, (byte)'1', 1, 0, 0xFF]);

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("follow the last field"));
    }

    [Test]
    public async Task ReadAsync_UserIdentityFieldLengthPastItsItem_ThrowsInvalidValue()
    {
        var bytes = await RequestWithUserItemAsync(0x58, [0x01, 0x00, 0x00, 0x40, (byte)'u', 0, 0]);

        var error = ReadFails(bytes);

        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.InvalidPduParameterValue));
        Assert.That(error.Message, Does.Contain("Primary-field"));
    }

    [Test]
    public async Task ReadAsync_UnrecognizedUserInformationItem_KeepsItsBytes()
    {
        var bytes = await RequestWithUserItemAsync(0x7E, [1, 2, 3]);

        var request = (AssociateRequest)(await PduSamples.DecodeAsync(bytes))!;

        Assert.That(request.UserInformation.UnrecognizedItems.Select(i => (i.ItemType, i.Value.ToArray())), Is.EqualTo(new[] { ((byte)0x7E, new byte[] { 1, 2, 3 }) }));
    }

    [Test]
    public async Task ReadAsync_ThousandPresentationContexts_DecodesAllOfThemQuickly()
    {
        var contexts = Enumerable.Range(0, 1000)
            .Select(i => new PresentationContext((byte)((2 * i % 256) + 1), $"1.2.840.10008.5.1.4.1.1.{i}", [PduSamples.ExplicitLittleEndian]))
            .ToList();
        var bytes = await PduSamples.EncodeAsync(new AssociateRequest("SCP", "SCU", contexts, new UserInformation()));
        var stopwatch = Stopwatch.StartNew();

        var request = (AssociateRequest)(await PduSamples.DecodeAsync(bytes))!;

        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(bytes.Length, Is.GreaterThan(60_000).And.LessThan(PduLimits.MaxAssociationPduLength));
        Assert.That(request.PresentationContexts, Has.Count.EqualTo(1000));
        Assert.That(request.PresentationContexts[999].AbstractSyntax, Is.EqualTo("1.2.840.10008.5.1.4.1.1.999"));
    }

    /// <summary>Reads one PDU expecting exactly <see cref="PduException"/> (not a subclass).</summary>
    private static PduException ReadFails(byte[] bytes, int maxPduLength = MaxPdu)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var error = Assert.ThrowsAsync<PduException>(async () => await PduReader.ReadAsync(stream, maxPduLength));
        return error!;
    }

    private static PduTruncatedException ReadTruncated(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var error = Assert.ThrowsAsync<PduTruncatedException>(async () => await PduReader.ReadAsync(stream, MaxPdu));
        Assert.That(error!.InnerException, Is.InstanceOf<EndOfStreamException>());
        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.NotSpecified));
        return error;
    }

    private static Task<byte[]> MinimalRequestAsync() => PduSamples.EncodeAsync(new AssociateRequest(
        "SCP", "SCU", [new PresentationContext(1, PduSamples.Verification, [PduSamples.ImplicitLittleEndian])], new UserInformation()));

    /// <summary>A request whose User Information ends with a sub-item of any type: encoded as unrecognized 7EH, then retyped.</summary>
    private static async Task<byte[]> RequestWithUserItemAsync(byte type, byte[] value)
    {
        var request = new AssociateRequest(
            "SCP",
            "SCU",
            [new PresentationContext(1, PduSamples.Verification, [PduSamples.ImplicitLittleEndian])],
            new UserInformation { UnrecognizedItems = [new UnrecognizedUserItem(0x7E, value)] });
        var bytes = await PduSamples.EncodeAsync(request);
        bytes[bytes.Length - value.Length - 4] = type;
        return bytes;
    }

    private static byte[] BigEndian(long value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
