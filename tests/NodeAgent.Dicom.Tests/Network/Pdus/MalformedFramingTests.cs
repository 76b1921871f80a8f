using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;
using static NodeAgent.Dicom.Tests.Network.Pdus.MalformedPdu;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>
/// Broken PDU framing: declared lengths over the limits, unknown types, truncated streams, PDV items that do not add up.
/// Each ends in a <see cref="PduException"/> carrying the A-ABORT reason and a message that names the PDU, never in an
/// out-of-memory, a hang or an exception of another type.
/// </summary>
[TestFixture]
public sealed class MalformedFramingTests
{
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
}
