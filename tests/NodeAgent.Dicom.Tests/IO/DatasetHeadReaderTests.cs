using NodeAgent.Dicom.IO;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.IO;

/// <summary>The head of an arriving data set is found exactly where the pixel data starts, and never guessed early.</summary>
[TestFixture]
public sealed class DatasetHeadReaderTests
{
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

    [TestCase("1.2.840.10008.1.2.1", 12)]
    [TestCase("1.2.840.10008.1.2", 8)]
    public void TryRead_WholeBody_FindsTheElementsBeforeThePixelDataAndWhereItStarts(string syntaxUid, int headerLength)
    {
        var syntax = TransferSyntax.Lookup(syntaxUid);
        var body = Body(Instance(pixelBytes: 512), syntax);

        var status = DatasetHeadReader.TryRead(body, syntax, complete: false, out var head);

        Assert.That(status, Is.EqualTo(DatasetHeadStatus.Found));
        Assert.That(head!.HasPixelData, Is.True);
        Assert.That(body.AsSpan((int)head.PixelDataOffset, 4).ToArray(), Is.EqualTo(new byte[] { 0xE0, 0x7F, 0x10, 0x00 }));
        Assert.That(head.PixelDataHeaderLength, Is.EqualTo(headerLength));
        Assert.That(head.PixelDataLength, Is.EqualTo(512u));
        Assert.That(head.PixelDataValueOffset + 512, Is.EqualTo(body.Length));
        Assert.That(head.Dataset.Contains(PixelData), Is.False);
        Assert.That(head.Dataset.GetString(DicomTags.PatientName), Is.EqualTo("Doe^Jane"));
        var whole = DicomFile.ReadDataset(new MemoryStream(body), syntax);
        Assert.That(head.PixelDataVR, Is.EqualTo(whole[PixelData]!.VR), "the VR a read of the whole data set gives");
    }

    [Test]
    public void TryRead_EveryPrefixBeforeThePixelDataHeaderEnds_NeedsMore()
    {
        var syntax = TransferSyntax.ExplicitVRLittleEndian;
        var body = Body(Instance(pixelBytes: 64), syntax);
        DatasetHeadReader.TryRead(body, syntax, complete: false, out var whole);

        for (var length = 0; length < whole!.PixelDataValueOffset; length++)
        {
            var status = DatasetHeadReader.TryRead(new ArraySegment<byte>(body, 0, length), syntax, complete: false, out var head);
            Assert.That(status, Is.EqualTo(DatasetHeadStatus.NeedMore), $"{length} bytes");
            Assert.That(head, Is.Null);
        }

        Assert.That(DatasetHeadReader.TryRead(new ArraySegment<byte>(body, 0, (int)whole.PixelDataValueOffset), syntax, false, out _),
            Is.EqualTo(DatasetHeadStatus.Found));
    }

    [Test]
    public void TryRead_CompleteWithoutPixelData_FoundWithTheWholeDataSet()
    {
        var syntax = TransferSyntax.ExplicitVRLittleEndian;
        var dataset = Instance(pixelBytes: 0);
        dataset.Remove(PixelData);
        var body = Body(dataset, syntax);

        Assert.That(DatasetHeadReader.TryRead(body, syntax, complete: false, out _), Is.EqualTo(DatasetHeadStatus.NeedMore));
        var status = DatasetHeadReader.TryRead(body, syntax, complete: true, out var head);

        Assert.That(status, Is.EqualTo(DatasetHeadStatus.Found));
        Assert.That(head!.HasPixelData, Is.False);
        Assert.That(head.Dataset.Count, Is.EqualTo(dataset.Count));
    }

    [Test]
    public void TryRead_CompleteButCutInsideAnElement_Unsuitable()
    {
        var syntax = TransferSyntax.ExplicitVRLittleEndian;
        var body = Body(Instance(pixelBytes: 64), syntax);

        Assert.That(DatasetHeadReader.TryRead(new ArraySegment<byte>(body, 0, 20), syntax, complete: true, out _), Is.EqualTo(DatasetHeadStatus.Unsuitable));
    }

    [Test]
    public void TryRead_OddValueLengthATolerantReaderWouldRepair_Unsuitable()
    {
        var syntax = TransferSyntax.ExplicitVRLittleEndian;
        // (0010,0010) PN of length 3, then pixel data: legal to pass over, not to keep byte for byte.
        byte[] body = [0x10, 0x00, 0x10, 0x00, (byte)'P', (byte)'N', 3, 0, (byte)'A', (byte)'B', (byte)'C',
            0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W', 0, 0, 2, 0, 0, 0, 1, 2];

        Assert.That(DatasetHeadReader.TryRead(body, syntax, complete: false, out _), Is.EqualTo(DatasetHeadStatus.Unsuitable));
    }

    [Test]
    public void TryRead_OddPixelDataLength_Unsuitable()
    {
        var syntax = TransferSyntax.ExplicitVRLittleEndian;
        var body = Body(Instance(pixelBytes: 64), syntax);
        var offset = (int)FindPixelData(body);
        body[offset + 8] = 63;

        Assert.That(DatasetHeadReader.TryRead(body, syntax, complete: false, out _), Is.EqualTo(DatasetHeadStatus.Unsuitable));
    }

    [Test]
    public void TryRead_DeflatedOrBigEndian_Unsuitable()
    {
        var body = Body(Instance(pixelBytes: 64), TransferSyntax.ExplicitVRLittleEndian);

        Assert.That(DatasetHeadReader.TryRead(body, TransferSyntax.DeflatedExplicitVRLittleEndian, false, out _), Is.EqualTo(DatasetHeadStatus.Unsuitable));
        Assert.That(DatasetHeadReader.TryRead(body, TransferSyntax.Lookup("1.2.840.10008.1.2.2"), false, out _), Is.EqualTo(DatasetHeadStatus.Unsuitable));
    }

    [Test]
    public void TryRead_EncapsulatedPixelData_UndefinedLengthAtTheFirstItem()
    {
        var syntax = TransferSyntax.Lookup("1.2.840.10008.1.2.4.50");
        var dataset = Instance(pixelBytes: 0);
        dataset.AddOrUpdate(new DicomFragmentSequence(PixelData, DicomVR.OB, ByteSource.Empty, [ByteSource.FromMemory(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 })]));
        var body = Body(dataset, syntax);

        var status = DatasetHeadReader.TryRead(body, syntax, complete: false, out var head);

        Assert.That(status, Is.EqualTo(DatasetHeadStatus.Found));
        Assert.That(head!.PixelDataLength, Is.EqualTo(DatasetHead.UndefinedLength));
        Assert.That(head.PixelDataVR, Is.EqualTo(DicomVR.OB));
        Assert.That(body[(int)head.PixelDataValueOffset..((int)head.PixelDataValueOffset + 4)], Is.EqualTo(new byte[] { 0xFE, 0xFF, 0x00, 0xE0 }), "the first item");
    }

    [Test]
    public void TryRead_UndefinedPixelDataLengthInANativeSyntax_Unsuitable()
    {
        var syntax = TransferSyntax.ExplicitVRLittleEndian;
        var body = Body(Instance(pixelBytes: 64), syntax);
        var offset = (int)FindPixelData(body);
        BitConverter.GetBytes(0xFFFF_FFFFu).CopyTo(body, offset + 8);

        Assert.That(DatasetHeadReader.TryRead(body, syntax, complete: false, out _), Is.EqualTo(DatasetHeadStatus.Unsuitable));
    }

    [TestCase("1.2.840.10008.1.2.1")]
    [TestCase("1.2.840.10008.1.2.4.50")]
    public void EncodeUpToPixelData_ThenThePixelDataValue_IsTheWholeFileByteForByte(string syntaxUid)
    {
        var syntax = TransferSyntax.Lookup(syntaxUid);
        var whole = Instance(pixelBytes: 0);
        byte[] value;
        if (syntax.IsEncapsulated)
        {
            // Labelled OW by the sender: the writer stores encapsulated pixel data as OB, and so must the head.
            whole.AddOrUpdate(new DicomFragmentSequence(PixelData, DicomVR.OW, ByteSource.Empty, [ByteSource.FromMemory(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 })]));
            value = [0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0xFF, 0xD8, 0xFF, 0xD9, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0];
        }
        else
        {
            value = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];
            whole.AddOrUpdate(new DicomElement(PixelData, DicomVR.OW, value));
        }

        using var expected = new MemoryStream();
        new DicomFile(whole, syntax).Save(expected);
        var head = Instance(pixelBytes: 0);
        var encoded = new DicomFile(head, syntax).EncodeUpToPixelData(DicomVR.OW, syntax.IsEncapsulated ? DatasetHead.UndefinedLength : (uint)value.Length);

        Assert.That((byte[])[.. encoded, .. value], Is.EqualTo(expected.ToArray()));
        Assert.That(() => new DicomFile(whole, syntax).EncodeUpToPixelData(DicomVR.OW, 64), Throws.InvalidOperationException, "a data set with its pixel data already");
    }

    private static long FindPixelData(byte[] body)
    {
        DatasetHeadReader.TryRead(body, TransferSyntax.ExplicitVRLittleEndian, complete: false, out var head);
        return head!.PixelDataOffset;
    }

    private static DicomDataset Instance(int pixelBytes)
    {
        var dataset = new DicomDataset()
            .AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
            .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4")
            .AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Doe^Jane")
            .AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16)
            .AddOrUpdate(new DicomSequence(DicomTags.ReferencedImageSequence,
                new DicomDataset().AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3.5")));
        if (pixelBytes > 0)
        {
            dataset.AddOrUpdate(new DicomElement(PixelData, DicomVR.OW, new byte[pixelBytes]));
        }

        return dataset;
    }

    private static byte[] Body(DicomDataset dataset, TransferSyntax syntax)
    {
        using var output = new MemoryStream();
        DicomFileWriter.WriteBody(dataset, syntax, output, DicomWriterOptions.Default with { SequenceLength = SequenceLengthEncoding.Undefined });
        return output.ToArray();
    }
}
