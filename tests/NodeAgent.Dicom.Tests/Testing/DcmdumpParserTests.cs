using System.Text.RegularExpressions;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Testing;

[TestFixture]
public sealed partial class DcmdumpParserTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Test, Category("Interop")]
    public async Task Parse_RtPlanWholeValues_ReadsSequencesItemsAndDelimiters()
    {
        var file = DcmdumpParser.ParseFile(await DumpAsync(["+L", "-Un"], "pydicom/rtplan.dcm"));
        var records = file.Records.ToList();

        var sequence = file.Find(new DicomTag(0x300A, 0x0010))!;
        var at = records.IndexOf(sequence);
        Assert.Multiple(() =>
        {
            Assert.That(file.MetaTransferSyntax, Is.EqualTo("Little Endian Explicit"));
            Assert.That(file.DataSetTransferSyntax, Is.EqualTo("Little Endian Implicit"));
            Assert.That(file.Find(new DicomTag(0x0002, 0x0010))!.Text, Is.EqualTo("1.2.840.10008.1.2"));
            Assert.That(file.Find(new DicomTag(0x0002, 0x0010))!.Section, Is.EqualTo(DcmdumpSection.FileMeta));

            Assert.That(sequence.Kind, Is.EqualTo(DcmdumpRecordKind.Sequence));
            Assert.That(sequence.VR, Is.EqualTo("SQ"));
            Assert.That((sequence.Length, sequence.ChildCount, sequence.Keyword), Is.EqualTo(((long?)324, (int?)2, "DoseReferenceSequence")));
            Assert.That(sequence.Section, Is.EqualTo(DcmdumpSection.DataSet));

            var item = records[at + 1];
            Assert.That((item.Kind, item.Depth, item.Length, item.ChildCount), Is.EqualTo((DcmdumpRecordKind.Item, 1, (long?)170, (int?)7)));
            Assert.That(item.Path, Is.EqualTo(new[] { sequence.Tag }));

            var number = records[at + 2];
            Assert.That((number.Tag, number.VR, number.Text, number.Depth), Is.EqualTo((new DicomTag(0x300A, 0x0012), "IS", "1", 2)));
            Assert.That(number.ValueKind, Is.EqualTo(DcmdumpValueKind.Text));

            var coordinates = records[at + 5];
            Assert.That(coordinates.Multiplicity, Is.EqualTo(3));
            Assert.That(coordinates.Values, Is.EqualTo((string[])["239.531250000000", "239.531250000000", "-741.87000000000"]));

            Assert.That(records[at + 9].Kind, Is.EqualTo(DcmdumpRecordKind.ItemDelimitation));
            Assert.That(records[at + 9].Depth, Is.EqualTo(1));

            var beamDose = records.Single(r => r.Keyword == "RETIRED_BeamDoseSpecificationPoint");
            Assert.That(beamDose.Path, Is.EqualTo(new[] { new DicomTag(0x300A, 0x0070), new DicomTag(0x300C, 0x0004) }));
            Assert.That(beamDose.Depth, Is.EqualTo(4));

            var accession = file.Find(new DicomTag(0x0008, 0x0050))!;
            Assert.That((accession.ValueKind, accession.Length, accession.Multiplicity), Is.EqualTo((DcmdumpValueKind.Empty, (long?)0, 0)));
            Assert.That(accession.Values, Is.Empty);
        });
    }

    [TestCase("pydicom/rtplan.dcm")]
    [TestCase("pydicom/rtstruct.dcm")]
    [TestCase("pydicom/test-SR.dcm")]
    [TestCase("pydicom/waveform_ecg.dcm")]
    [TestCase("pydicom/nested_priv_SQ.dcm")]
    [TestCase("pydicom/UN_sequence.dcm")]
    [TestCase("pydicom/JPEG2000.dcm")]
    [TestCase("pydicom/SC_rgb_rle_2frame.dcm")]
    [TestCase("pydicom/MR_small_bigendian.dcm")]
    [TestCase("pydicom/DICOMDIR")]
    [TestCase("pydicom-data/eCT_Supplemental.dcm")]
    [TestCase("pydicom-data/liver.dcm")]
    [Category("Interop")]
    public async Task Parse_SampleFile_StructureAgreesWithCountsDepthsAndLines(string sample)
    {
        var output = await DumpAsync(["+L", "-Un"], sample);
        var records = DcmdumpParser.Parse(output);
        var recordLines = output.Split('\n').Count(line => RecordLine().IsMatch(line));

        Assert.Multiple(() =>
        {
            Assert.That(records, Has.Count.EqualTo(recordLines), "one record per record line");
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                var nestedInItem = record.Kind is DcmdumpRecordKind.Item or DcmdumpRecordKind.Fragment or DcmdumpRecordKind.ItemDelimitation;
                Assert.That(record.Depth, Is.EqualTo((2 * record.Path.Count) - (nestedInItem ? 1 : 0)), $"depth of line {record.LineNumber}");
                if (record.ChildCount is { } expected)
                {
                    var children = records.Skip(i + 1).TakeWhile(r => r.Depth > record.Depth).Count(r => r.Depth == record.Depth + 1 &&
                        r.Kind is not (DcmdumpRecordKind.ItemDelimitation or DcmdumpRecordKind.SequenceDelimitation));
                    var closer = records.Skip(i + 1).FirstOrDefault(r => r.Depth <= record.Depth);
                    var closing = record.Kind == DcmdumpRecordKind.Item ? DcmdumpRecordKind.ItemDelimitation : DcmdumpRecordKind.SequenceDelimitation;
                    Assert.That(children, Is.EqualTo(expected), $"children of line {record.LineNumber}");
                    Assert.That(closer?.Kind, Is.EqualTo(closing), $"delimiter after line {record.LineNumber}");
                    Assert.That(closer?.Depth, Is.EqualTo(record.Depth), $"delimiter depth after line {record.LineNumber}");
                }
            }
        });
    }

    [Test, Category("Interop")]
    public async Task Parse_CtSmallDefaultShortOutput_MarksTruncatedValuesAndUidNames()
    {
        var histogram = new DicomTag(0x0043, 0x1029);
        var shortFile = DcmdumpParser.ParseFile(await DumpAsync([], "pydicom/CT_small.dcm"));
        var wholeFile = DcmdumpParser.ParseFile(await DumpAsync(["+L"], "pydicom/CT_small.dcm"));

        Assert.Multiple(() =>
        {
            Assert.That(shortFile.Find(histogram)!.IsTruncated, Is.True);
            Assert.That(shortFile.Find(histogram)!.Length, Is.EqualTo(2068));
            Assert.That(wholeFile.Find(histogram)!.IsTruncated, Is.False);
            Assert.That(wholeFile.Find(histogram)!.Text, Has.Length.EqualTo((2068 * 3) - 1), "2068 bytes as hh separated by backslashes");
            Assert.That(wholeFile.Find(new DicomTag(0x0002, 0x0002))!.ValueKind, Is.EqualTo(DcmdumpValueKind.UidName));
            Assert.That(wholeFile.Find(new DicomTag(0x0002, 0x0002))!.Text, Is.EqualTo("CTImageStorage"));
            Assert.That(wholeFile.Find(new DicomTag(0x0010, 0x0010))!.Text, Is.EqualTo("CompressedSamples^CT1"));
        });
    }

    [Test, Category("Interop")]
    public async Task Parse_LoadShort_MarksPixelDataNotLoaded()
    {
        var file = DcmdumpParser.ParseFile(await DumpAsync(["-M"], "pydicom/CT_small.dcm"));
        var pixelData = file.Find(new DicomTag(0x7FE0, 0x0010))!;

        Assert.That((pixelData.ValueKind, pixelData.VR, pixelData.Length), Is.EqualTo((DcmdumpValueKind.NotLoaded, "OW", (long?)32768)));
    }

    [Test, Category("Interop")]
    public async Task Parse_TextWithLineBreaks_JoinsTheValueLines()
    {
        var records = DcmdumpParser.Parse(await DumpAsync(["+L", "+U8"], "pydicom/test-SR.dcm"));
        var texts = records.Where(r => r.Keyword == "TextValue").Select(r => r.Text).ToList();

        Assert.That(texts, Does.Contain("Sample Text\rA\nB\r\nC\n\r"));
        Assert.That(texts, Does.Contain("Inferred Sample Text\nNew line.\n\r&%$§\"!()<>{}/;"));
    }

    [Test, Category("Interop")]
    public async Task Parse_EncapsulatedPixelData_ReadsFragments()
    {
        var file = DcmdumpParser.ParseFile(await DumpAsync(["+L", "-Un"], "pydicom/JPEG2000.dcm"));
        var records = file.Records.ToList();
        var pixelData = file.Find(new DicomTag(0x7FE0, 0x0010))!;
        var at = records.IndexOf(pixelData);

        Assert.Multiple(() =>
        {
            Assert.That(file.DataSetTransferSyntax, Does.StartWith("JPEG 2000"));
            Assert.That((pixelData.Kind, pixelData.IsUndefinedLength, pixelData.ChildCount), Is.EqualTo((DcmdumpRecordKind.PixelSequence, true, (int?)2)));
            Assert.That((records[at + 1].Kind, records[at + 1].ValueKind, records[at + 1].Length), Is.EqualTo((DcmdumpRecordKind.Fragment, DcmdumpValueKind.Empty, (long?)0)));
            Assert.That((records[at + 2].Kind, records[at + 2].Length, records[at + 2].Depth), Is.EqualTo((DcmdumpRecordKind.Fragment, (long?)250, 1)));
            Assert.That(records[at + 2].Path, Is.EqualTo(new[] { pixelData.Tag }));
            Assert.That(records[at + 2].Text, Does.StartWith(@"ff\4f\ff\51"), "a JPEG 2000 codestream starts with SOC and SIZ");
            Assert.That((records[at + 3].Kind, records[at + 3].Depth), Is.EqualTo((DcmdumpRecordKind.SequenceDelimitation, 0)));
        });
    }

    [Test, Category("Interop")]
    public async Task ParseFiles_SeveralFiles_SplitsPerFileWithOrWithoutFileNames()
    {
        string[] samples = ["pydicom/CT_small.dcm", "pydicom/MR_small.dcm"];
        var named = DcmdumpParser.ParseFiles(await DumpAsync(["+F"], samples));
        var unnamed = DcmdumpParser.ParseFiles(await DumpAsync([], samples));

        Assert.Multiple(() =>
        {
            Assert.That(named.Select(f => Path.GetFileName(f.FileName)), Is.EqualTo((string[])["CT_small.dcm", "MR_small.dcm"]));
            Assert.That(unnamed.Select(f => f.FileName), Is.EqualTo(new string?[] { null, null }));
            Assert.That(unnamed.Select(f => f.Records.Count), Is.EqualTo(named.Select(f => f.Records.Count)));
            Assert.That(named.Select(f => f.Find(new DicomTag(0x0008, 0x0060))!.Text), Is.EqualTo((string[])["CT", "MR"]));
        });
    }

    [Test, Category("Interop")]
    public async Task Parse_SearchWithPrepend_ReadsPathsOfMatchesAndTheirContent()
    {
        var leaf = DcmdumpParser.Parse(await DumpAsync(["+P", "300a,0082", "+p"], "pydicom/rtplan.dcm"));
        var subtree = DcmdumpParser.Parse(await DumpAsync(["+P", "300c,0004", "+p"], "pydicom/rtplan.dcm"));
        var outer = new DicomTag(0x300A, 0x0070);
        var inner = new DicomTag(0x300C, 0x0004);

        Assert.Multiple(() =>
        {
            Assert.That(leaf.Single().Path, Is.EqualTo(new[] { outer, inner }));
            Assert.That(leaf.Single().Depth, Is.EqualTo(4));
            var first = subtree.First(r => r.Tag == inner);
            Assert.That((first.Kind, first.Depth), Is.EqualTo((DcmdumpRecordKind.Sequence, 2)));
            Assert.That(first.Path, Is.EqualTo(new[] { outer }));
            var element = subtree.First(r => r.Tag == new DicomTag(0x300A, 0x0084));
            Assert.That(element.Depth, Is.EqualTo(4));
            Assert.That(element.Path, Is.EqualTo(new[] { outer, inner }));
        });
    }

    [TestCase("pydicom/charset/chrX1.dcm", "Wang^XiaoDong=王^小東=")]
    [TestCase("pydicom/charset/chrGerm.dcm", "Äneas^Rüdiger")]
    [Category("Interop")]
    public async Task Parse_ConvertedToUtf8_ReadsNonAsciiNames(string sample, string expected)
    {
        var file = DcmdumpParser.ParseFile(await DumpAsync(["+L", "+U8"], sample));

        Assert.That(file.Find(new DicomTag(0x0010, 0x0010))!.Text, Is.EqualTo(expected));
    }

    [Test, Category("Interop")]
    public async Task Parse_Dicomdir_SkipsOffsetCommentsAndCountsRecordElements()
    {
        var records = DcmdumpParser.Parse(await DumpAsync(["+L"], "pydicom/DICOMDIR"));
        var patient = records.First(r => r.Kind == DcmdumpRecordKind.Item);

        Assert.That(patient.Value, Does.StartWith("\"Directory Record\" PATIENT"));
        Assert.That(patient.ChildCount, Is.EqualTo(7));
    }

    [Test]
    public void Parse_EmptyOutput_ReturnsNoRecords()
    {
        Assert.That(DcmdumpParser.Parse("\n"), Is.Empty);
    }

    [Test]
    public void Parse_HashAndBracketInsideValue_TakesTheLastTrailer()
    {
        var record = DcmdumpParser.Parse("(0008,1030) LO [a] # 12, 1 b]                          #  14, 1 StudyDescription\n").Single();

        Assert.That((record.Text, record.Length, record.Keyword), Is.EqualTo(("a] # 12, 1 b", (long?)14, "StudyDescription")));
    }

    [TestCase("PatientName                       [Test^S R]", 1)]
    [TestCase("# Dicom-Data-Set\n(0010,0010) PN Test^S R", 2)]
    [TestCase("(0010,0010) PN [Test^S R]   #  8, 1 PatientName\n (0010,0020) LO [1]   #  2, 1 PatientID", 2)]
    public void Parse_NotDcmdumpIndentedLayout_ThrowsNamingTheLine(string output, int line)
    {
        var exception = Assert.Throws<FormatException>(() => DcmdumpParser.Parse(output));

        Assert.That(exception.Message, Does.Contain($"line {line}"));
    }

    [Test]
    public void Parse_StringWithoutTrailerToTheEnd_ThrowsNamingItsFirstLine()
    {
        var exception = Assert.Throws<FormatException>(() => DcmdumpParser.Parse("\n(0040,a160) UT [Sample\nText"));

        Assert.That(exception.Message, Does.Contain("line 2"));
    }

    private static async Task<string> DumpAsync(string[] flags, params string[] samples)
    {
        var dcmdump = Peers.Require("dcmdump");
        var paths = samples.Select(RepoPaths.RequireSample);
        var result = await ProcessRunner.RunAsync(dcmdump, [.. flags, .. paths], RunTimeout);
        Assert.That(result.ExitCode, Is.Zero, $"{result.CommandLine}: {result.StdErr}");
        return result.StdOut;
    }

    [GeneratedRegex(@"^ *(\([0-9a-f]{4},[0-9a-f]{4}\)\.)*\([0-9a-f]{4},[0-9a-f]{4}\) ")]
    private static partial Regex RecordLine();
}
