using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network.Dimse;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// The command set is the first thing the SCP parses from an established peer. Whatever the bytes, decoding and reading
/// the fields the acceptor uses must fail only with a <see cref="DicomException"/>, which the acceptor turns into an A-ABORT.
/// </summary>
[TestFixture]
public sealed class CommandSetFuzzTests
{
    private const int Rounds = 2000;

    private static void DecodeAndRead(byte[] bytes)
    {
        try
        {
            var command = DimseCommand.Decode(bytes);
            _ = (command.CommandField, command.MessageId, command.HasDataSet, command.AffectedSopClassUid, command.AffectedSopInstanceUid);
            _ = DimseCommand.Response(command, DimseStatus.Success).Encode();
        }
        catch (DicomException)
        {
            // Expected for most inputs: the acceptor aborts with it.
        }
    }

    [Test]
    public void Decode_RandomBytes_FailsOnlyWithDicomExceptions()
    {
        var random = new Random(1234);
        for (var i = 0; i < Rounds; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);

            Assert.That(() => DecodeAndRead(bytes), Throws.Nothing, Convert.ToHexString(bytes));
        }
    }

    [Test]
    public void Decode_MutatedStoreRequest_FailsOnlyWithDicomExceptions()
    {
        var valid = DimseCommand.StoreRequest(1, "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.5.6.7.8.9").Encode();
        var random = new Random(5678);
        for (var i = 0; i < Rounds; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(4) == 0 ? random.Next(bytes.Length) : bytes.Length;

            Assert.That(() => DecodeAndRead(bytes[..length]), Throws.Nothing, Convert.ToHexString(bytes[..length]));
        }
    }

    [Test]
    public void Decode_CommandWithoutCommandField_ThrowsDicomFormatException()
    {
        var bytes = new DimseCommand(new DicomDataset().AddOrUpdate(DicomTags.MessageID, DicomVR.US, (ushort)1)).Encode();

        Assert.That(() => DimseCommand.Decode(bytes), Throws.InstanceOf<DicomFormatException>());
    }
}
