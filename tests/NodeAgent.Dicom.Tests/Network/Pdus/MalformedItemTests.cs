using System.Diagnostics;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;
using static NodeAgent.Dicom.Tests.Network.Pdus.MalformedPdu;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>
/// Broken or hostile items inside A-ASSOCIATE PDUs: lengths that run past their parent, invalid ids, misplaced or repeated
/// items end in a <see cref="PduException"/> carrying the A-ABORT reason; what the standard says to ignore (unknown user
/// sub-items) or leaves to the association layer (a thousand presentation contexts) decodes.
/// </summary>
[TestFixture]
public sealed class MalformedItemTests
{
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
}
