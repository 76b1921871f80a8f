using NUnit.Framework;
using System.IO.Compression;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Tests.Support;

namespace NodeAgent.Dicom.Tests.IO;

/// <summary>
/// Hostile and broken inputs: each ends in a specific exception with a message that names the fault, never
/// in an out-of-memory, a hang or a stack overflow.
/// </summary>
[TestFixture]
public sealed class MalformedInputTests
{
    private const string ExplicitLE = "1.2.840.10008.1.2.1";

    [Test]
    public void Read_TruncatedAtEveryOffset_ThrowsFormatErrorOrReadsWholeElements()
    {
        var dataset = SmallDatasetWithSequences();
        var whole = Encode(dataset);
        var boundaries = TopLevelBoundaries(dataset);

        for (var cut = 0; cut < whole.Length; cut++)
        {
            using var prefix = new MemoryStream(whole, 0, cut, writable: false);
            try
            {
                var file = DicomFile.Read(prefix);
                Assert.That(cut < boundaries[0] || boundaries.Contains(cut), Is.True, $"a cut at byte {cut} inside an element must not read");
                Assert.That(file.Dataset.Count, Is.LessThanOrEqualTo(dataset.Count));
            }
            catch (DicomTruncatedException)
            {
                Assert.That(boundaries.Contains(cut), Is.False, $"a cut at element boundary {cut} should read the elements before it");
            }
            catch (DicomFormatException) when (cut < boundaries[0])
            {
                // A cut inside the preamble or file meta leaves something that is not DICOM.
            }
        }
    }

    [Test]
    public void Read_ValueLengthNearFourGigabytes_ThrowsTruncatedWithoutAllocating()
    {
        var raw = RawDicom.Part10(ExplicitLE).Text(0x0008, 0x0060, "CS", "CT").Explicit(0x0009, 0x1001, "UN", [1, 2, 3, 4], length: 0xFFFF_FFF0);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<DicomTruncatedException>(() => DicomFile.Read(raw.ToStream()));

        Assert.That(error!.Message, Does.Contain("4294967280"));
        Assert.That(error.Tag, Is.EqualTo(new DicomTag(0x0009, 0x1001)));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(4 << 20));
    }

    [Test]
    public void Read_ValueLengthNearFourGigabytesOnUnseekableStream_ThrowsTruncated()
    {
        var raw = RawDicom.Part10(ExplicitLE).Explicit(0x0009, 0x1001, "OB", new byte[3 << 20], length: 0xFFFF_FFF0);

        var error = Assert.Throws<DicomTruncatedException>(() => DicomFile.Read(new UnseekableStream(raw.ToArray())));

        Assert.That(error!.Message, Does.Contain("4294967280"));
    }

    [Test]
    public void Read_ItemsNested100000Deep_ThrowsLimitExceeded()
    {
        var raw = RawDicom.Part10(ExplicitLE);
        for (var depth = 0; depth < 100_000; depth++)
        {
            raw.Explicit(0x0040, 0xA730, "SQ", [], length: 0xFFFF_FFFF).Tag(0xFFFE, 0xE000).UInt32(0xFFFF_FFFF);
        }

        var error = Assert.Throws<DicomLimitExceededException>(() => DicomFile.Read(raw.ToStream()));

        Assert.That(error!.Message, Does.Contain("nest deeper than the limit of 64"));
    }

    [Test]
    public void Read_OddValueLength_ToleratedWithWarning()
    {
        var raw = RawDicom.Part10(ExplicitLE).Text(0x0010, 0x0010, "PN", "ABC").Text(0x0010, 0x0020, "LO", "ID");

        var file = DicomFile.Read(raw.ToStream());

        Assert.That(file.Dataset.GetString(new DicomTag(0x0010, 0x0010)), Is.EqualTo("ABC"));
        Assert.That(file.Warnings, Has.One.Contains("Odd value length 3"));
    }

    [Test]
    public void Read_OddValueLengthStrict_ThrowsFormatError()
    {
        var raw = RawDicom.Part10(ExplicitLE).Text(0x0010, 0x0010, "PN", "ABC");

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(raw.ToStream(), DicomReaderOptions.Default with { Strict = true }));

        Assert.That(error!.Message, Does.Contain("Odd value length 3"));
        Assert.That(error.Tag, Is.EqualTo(new DicomTag(0x0010, 0x0010)));
    }

    [Test]
    public void Read_VROfTwoGarbageBytes_ThrowsFormatErrorNamingTheBytes()
    {
        var raw = RawDicom.Part10(ExplicitLE).Text(0x0008, 0x0060, "CS", "CT")
            .Tag(0x0010, 0x0010).Bytes([0xC3, 0x28]).UInt16(6).Bytes("ABCDEF"u8.ToArray());

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(raw.ToStream()));

        Assert.That(error!.Message, Does.Contain("0xC3 0x28 are not a value representation"));
        Assert.That(error.Tag, Is.EqualTo(new DicomTag(0x0010, 0x0010)));
    }

    [Test]
    public void Read_SequenceDelimiterWithoutSequence_ThrowsFormatError()
    {
        var raw = RawDicom.Part10(ExplicitLE).Text(0x0008, 0x0060, "CS", "CT").Tag(0xFFFE, 0xE0DD).UInt32(0);

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(raw.ToStream()));

        Assert.That(error!.Message, Does.Contain("sequence delimiter appears where no sequence is open"));
    }

    [Test]
    public void Read_DeflatedStreamThatInflatesWithoutEnd_ThrowsLimitExceeded()
    {
        var raw = RawDicom.Part10("1.2.840.10008.1.2.1.99");
        using (var deflate = new DeflateStream(new NonClosingStream(raw), CompressionLevel.Optimal))
        {
            var header = new RawDicom().Explicit(0x7FE0, 0x0010, "OB", [], length: 0xFFFF_FFF0).ToArray();
            deflate.Write(header);
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                deflate.Write(zeros);
            }
        }

        var options = DicomReaderOptions.Default with { MaxInflatedLength = 16 << 20 };
        var error = Assert.Throws<DicomLimitExceededException>(() => DicomFile.Read(raw.ToStream(), options));

        Assert.That(error!.Message, Does.Contain("inflates beyond the 16777216-byte limit"));
    }

    [Test]
    public void Read_RandomMutations_EndInSuccessOrFormatError()
    {
        var whole = Encode(SmallDatasetWithSequences());
        var random = new Random(20261123);
        for (var round = 0; round < 2000; round++)
        {
            var mutated = (byte[])whole.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                mutated[random.Next(132, mutated.Length)] = (byte)random.Next(256);
            }

            try
            {
                DicomFile.Read(new MemoryStream(mutated, writable: false));
            }
            catch (DicomFormatException)
            {
                // The only acceptable failure.
            }
        }
    }

    private static DicomDataset SmallDatasetWithSequences()
    {
        var inner = new DicomDataset().AddOrUpdate(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
            .AddOrUpdate(new DicomTag(0x0008, 0x1155), DicomVR.UI, "1.2.3.4.5");
        var nested = new DicomDataset().AddOrUpdate(new DicomSequence(new DicomTag(0x0008, 0x1199), inner));
        return new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0008, 0x0016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
            .AddOrUpdate(new DicomTag(0x0008, 0x0018), DicomVR.UI, "1.2.3.4.6")
            .AddOrUpdate(new DicomTag(0x0008, 0x0060), DicomVR.CS, "CT")
            .AddOrUpdate(new DicomSequence(new DicomTag(0x0008, 0x1115), nested, new DicomDataset().AddOrUpdate(new DicomTag(0x0020, 0x000E), DicomVR.UI, "1.2.3")))
            .AddOrUpdate(new DicomTag(0x0010, 0x0010), DicomVR.PN, "Doe^John")
            .AddOrUpdate<ushort>(new DicomTag(0x0028, 0x0010), DicomVR.US, 2)
            .AddOrUpdate(new DicomElement(new DicomTag(0x7FE0, 0x0010), DicomVR.OW, new byte[64]));
    }

    private static byte[] Encode(DicomDataset dataset)
    {
        using var stream = new MemoryStream();
        new DicomFile(dataset).Save(stream);
        return stream.ToArray();
    }

    /// <summary>The byte offsets at which each top-level element of the encoded file starts, plus the end.</summary>
    private static List<int> TopLevelBoundaries(DicomDataset dataset)
    {
        var whole = Encode(dataset);
        var metaEnd = 132 + 12 + (int)BitConverter.ToUInt32(whole, 132 + 8);
        var boundaries = new List<int>();
        var partial = new DicomDataset();
        boundaries.Add(metaEnd);
        foreach (var item in dataset.ToList())
        {
            partial.AddOrUpdate(item);
            using var body = new MemoryStream();
            DicomFileWriter.WriteBody(partial, TransferSyntax.ExplicitVRLittleEndian, body, DicomWriterOptions.Default);
            boundaries.Add(metaEnd + (int)body.Length);
        }

        Assert.That(boundaries[^1], Is.EqualTo(whole.Length), "the boundaries must add up to the file");
        return boundaries;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    private sealed class NonClosingStream(RawDicom target) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => target.Length;

        public override long Position { get => target.Length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => target.Bytes(buffer[offset..(offset + count)]);
    }
}
