using NUnit.Framework;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Tests.Support;

namespace NodeAgent.Dicom.Tests.IO;

/// <summary>Every real file of ../shared/dicom-samples is read, and what we write reads back the same.</summary>
[TestFixture]
public sealed class SampleFileTests
{
    private static IEnumerable<string> Readable => Samples.Readable;

    private static IEnumerable<string> Truncated => Samples.Truncated;

    [TestCaseSource(nameof(Readable))]
    public void Open_RealSample_ReadsDataSetWithValidUids(string name)
    {
        var file = DicomFile.Open(Samples.PathOf(name));

        Assert.That(file.Dataset.Count, Is.GreaterThan(0));
        foreach (var uidTag in new[] { new DicomTag(0x0008, 0x0016), new DicomTag(0x0002, 0x0010) })
        {
            var uid = file.Dataset.GetString(uidTag) ?? file.FileMetaInformation.GetString(uidTag);
            Assert.That(uid is null || DicomUid.IsValid(uid), Is.True, $"{uidTag} '{uid}' should decode to a valid UID");
        }
    }

    [TestCaseSource(nameof(Readable))]
    public void Save_RealSample_ReReadsIdenticalDataSet(string name)
    {
        var original = DicomFile.Open(Samples.PathOf(name));
        var copy = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.dcm");
        try
        {
            original.Save(copy);
            var reread = DicomFile.Open(copy, DicomReaderOptions.Default with { Strict = true });

            var expected = DatasetDump.Lines(original.Dataset);
            var actual = DatasetDump.Lines(reread.Dataset);
            Assert.That(actual, Is.EqualTo(expected), DatasetDump.Diff(expected, actual));
            Assert.That(reread.TransferSyntax.IsExplicitVR && !reread.TransferSyntax.IsBigEndian, Is.True);
            Assert.That(reread.TransferSyntax.IsEncapsulated, Is.EqualTo(original.TransferSyntax.IsEncapsulated));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [TestCase("pydicom/rtplan.dcm")]
    [TestCase("pydicom/test-SR.dcm")]
    [TestCase("pydicom-data/eCT_Supplemental.dcm")]
    [TestCase("pydicom/nested_priv_SQ.dcm")]
    public async Task Save_DefinedSequenceLengths_ReReadsIdenticalAndDcmdumpAgrees(string name)
    {
        var original = DicomFile.Open(Samples.PathOf(name));
        using var directory = new NodeAgent.Testing.TempDirectory("defined-lengths");
        var copy = directory.Combine("copy.dcm");

        original.Save(copy, DicomWriterOptions.Default with { SequenceLength = SequenceLengthEncoding.Defined });

        var bytes = await File.ReadAllBytesAsync(copy);
        Assert.That(ContainsDelimiter(bytes), Is.False, "defined lengths need no item or sequence delimiters");
        var expected = DatasetDump.Lines(original.Dataset);
        var actual = DatasetDump.Lines(DicomFile.Open(copy, DicomReaderOptions.Default with { Strict = true }).Dataset);
        Assert.That(actual, Is.EqualTo(expected), DatasetDump.Diff(expected, actual));
        var dcmdump = NodeAgent.Testing.Peers.Require("dcmdump");
        var result = await NodeAgent.Testing.ProcessRunner.RunAsync(dcmdump, ["+E", "-q", copy], TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
    }

    private static bool ContainsDelimiter(byte[] bytes)
    {
        ReadOnlySpan<byte> item = [0xFE, 0xFF, 0x0D, 0xE0];
        ReadOnlySpan<byte> sequence = [0xFE, 0xFF, 0xDD, 0xE0];
        return bytes.AsSpan().IndexOf(item) >= 0 || bytes.AsSpan().IndexOf(sequence) >= 0;
    }

    [TestCaseSource(nameof(Truncated))]
    public void Open_TruncatedSample_ThrowsTruncated(string name)
    {
        var path = Samples.PathOf(name);

        var error = Assert.Throws<DicomTruncatedException>(() => DicomFile.Open(path));

        Assert.That(error!.Offset, Is.GreaterThan(0).And.LessThanOrEqualTo(new FileInfo(path).Length));
    }

    [Test]
    public void Open_SameHeaderInFourEncodings_GivesSameElements()
    {
        // MR_small alone ends with trailing padding (FFFC,FFFC); the rest of the header is the same in each.
        var reference = DatasetDump.Lines(DicomFile.Open(Samples.PathOf("pydicom/MR_small.dcm")).Dataset)
            .Where(line => !line.StartsWith("(FFFC,FFFC)", StringComparison.Ordinal)).ToList();

        foreach (var variant in new[] { "pydicom/MR_small_implicit.dcm", "pydicom/MR_small_bigendian.dcm" })
        {
            var lines = DatasetDump.Lines(DicomFile.Open(Samples.PathOf(variant)).Dataset);
            Assert.That(lines, Is.EqualTo(reference), $"{variant}: {DatasetDump.Diff(reference, lines)}");
        }
    }

    [Test]
    public void Open_NoMetaWithStrayByte_DetectsExplicitLittleEndianAndWarns()
    {
        var file = DicomFile.Open(Samples.PathOf("pydicom/no_meta.dcm"));

        Assert.That(file.TransferSyntax, Is.EqualTo(TransferSyntax.ExplicitVRLittleEndian));
        Assert.That(file.Warnings, Has.Some.Contains("stray byte"));
        Assert.That(file.Dataset.GetString(new DicomTag(0x0008, 0x0060)), Is.EqualTo("CT"));
    }

    [Test]
    public void Open_BareImplicitDataSet_DetectsImplicitLittleEndian()
    {
        var file = DicomFile.Open(Samples.PathOf("pydicom/rtstruct.dcm"));

        Assert.That(file.TransferSyntax, Is.EqualTo(TransferSyntax.ImplicitVRLittleEndian));
        Assert.That(file.Dataset.GetString(new DicomTag(0x0008, 0x0060)), Is.EqualTo("RTSTRUCT"));
    }

    [Test]
    public void Open_Deflated_InflatesDataSet()
    {
        var file = DicomFile.Open(Samples.PathOf("pydicom/image_dfl.dcm"));

        Assert.That(file.TransferSyntax, Is.EqualTo(TransferSyntax.DeflatedExplicitVRLittleEndian));
        Assert.That(file.Dataset.Get<DicomElement>(new DicomTag(0x7FE0, 0x0010))!.Length, Is.GreaterThan(0));
    }

    [Test]
    public void Open_UnknownVRSequence_ParsedAsSequence()
    {
        var file = DicomFile.Open(Samples.PathOf("pydicom/UN_sequence.dcm"));

        Assert.That(file.Dataset.OfType<DicomSequence>().Any(s => s.Items.Count > 0), Is.True);
    }

    [Test]
    public void Open_EncapsulatedWithDelimiterBytesInFragment_KeepsFragmentWhole()
    {
        var file = DicomFile.Open(Samples.PathOf("pydicom/JPEG2000-embedded-sequence-delimiter.dcm"));

        var pixels = file.Dataset.Get<DicomFragmentSequence>(new DicomTag(0x7FE0, 0x0010));
        Assert.That(pixels, Is.Not.Null);
        Assert.That(pixels!.Fragments, Has.Count.EqualTo(1), "the FFFE,E0DD bytes inside the fragment must not end the sequence");
        Assert.That(pixels.Fragments[0].Length, Is.EqualTo(250));
    }

    [Test]
    public void Open_EncapsulatedWithoutSequenceDelimiter_ToleratedWithWarning()
    {
        var file = DicomFile.Open(Samples.PathOf("pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm"));

        Assert.That(file.Warnings, Has.Some.Contains("without a sequence delimiter"));
        Assert.That(file.Dataset.Get<DicomFragmentSequence>(new DicomTag(0x7FE0, 0x0010))!.Fragments, Is.Not.Empty);
    }

    [Test]
    public void Open_EncapsulatedWithoutSequenceDelimiter_StrictThrows()
    {
        var path = Samples.PathOf("pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm");

        Assert.Throws<DicomTruncatedException>(() => DicomFile.Open(path, DicomReaderOptions.Default with { Strict = true }));
    }

    [Test]
    public void Open_LargePixelData_LeftInFile()
    {
        var options = DicomReaderOptions.Default with { LargeValueThreshold = 1024 };

        var file = DicomFile.Open(Samples.PathOf("pydicom/MR_small.dcm"), options);

        var pixels = file.Dataset.Get<DicomElement>(new DicomTag(0x7FE0, 0x0010))!;
        Assert.That(pixels.Data, Is.InstanceOf<FileRangeByteSource>());
        Assert.That(pixels.Data.IsInMemory, Is.False);
    }

    [Test]
    public void Open_BigEndianLargePixelData_SwappedWhenCopied()
    {
        var inMemory = DicomFile.Open(Samples.PathOf("pydicom/MR_small_bigendian.dcm"));
        var lazy = DicomFile.Open(Samples.PathOf("pydicom/MR_small_bigendian.dcm"), DicomReaderOptions.Default with { LargeValueThreshold = 1024 });

        var pixelData = new DicomTag(0x7FE0, 0x0010);
        Assert.That(lazy.Dataset.Get<DicomElement>(pixelData)!.Data.IsInMemory, Is.False);
        Assert.That(lazy.Dataset.GetBytes(pixelData).ToArray(), Is.EqualTo(inMemory.Dataset.GetBytes(pixelData).ToArray()));
    }
}
