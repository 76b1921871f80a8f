using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>Inputs and assertions shared by the malformed-PDU fixtures.</summary>
internal static class MalformedPdu
{
    public const int MaxPdu = PduLimits.DefaultMaxPduLength;

    /// <summary>Reads one PDU expecting exactly <see cref="PduException"/> (not a subclass).</summary>
    public static PduException ReadFails(byte[] bytes, int maxPduLength = MaxPdu)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var error = Assert.ThrowsAsync<PduException>(async () => await PduReader.ReadAsync(stream, maxPduLength));
        return error!;
    }

    public static PduTruncatedException ReadTruncated(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var error = Assert.ThrowsAsync<PduTruncatedException>(async () => await PduReader.ReadAsync(stream, MaxPdu));
        Assert.That(error!.InnerException, Is.InstanceOf<EndOfStreamException>());
        Assert.That(error.AbortReason, Is.EqualTo(AbortReason.NotSpecified));
        return error;
    }

    public static Task<byte[]> MinimalRequestAsync() => PduSamples.EncodeAsync(new AssociateRequest(
        "SCP", "SCU", [new PresentationContext(1, PduSamples.Verification, [PduSamples.ImplicitLittleEndian])], new UserInformation()));

    /// <summary>A request whose User Information ends with a sub-item of any type: encoded as unrecognized 7EH, then retyped.</summary>
    public static async Task<byte[]> RequestWithUserItemAsync(byte type, byte[] value)
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

    public static byte[] BigEndian(long value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
