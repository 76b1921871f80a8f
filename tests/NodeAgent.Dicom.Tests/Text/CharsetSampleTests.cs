using NodeAgent.Dicom.Text;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Text;

/// <summary>
/// Decodes the pydicom character-set samples (../shared/dicom-samples/pydicom/charset, see FileInfo.txt there)
/// straight from their bytes: Specific Character Set and the text elements are read by a test-only scanner.
/// Expected strings agree with FileInfo.txt and with pydicom 2.3, except that we keep an empty trailing
/// component group ("…=") that pydicom's PersonName drops, because Decode does not reinterpret the value.
/// </summary>
[TestFixture]
public sealed class CharsetSampleTests
{
    private const uint SpecificCharacterSet = 0x00080005;
    private const uint PatientName = 0x00100010;

    private static IEnumerable<TestCaseData> PatientNames()
    {
        yield return Case("chrArab.dcm", "\u0642\u0628\u0627\u0646\u064A^\u0644\u0646\u0632\u0627\u0631");
        yield return Case("chrFren.dcm", "Buc^Jérôme");
        yield return Case("chrFrenMulti.dcm", "Buc^Jérôme");
        yield return Case("chrGerm.dcm", "Äneas^Rüdiger");
        yield return Case("chrGreek.dcm", "Διονυσιος");
        yield return Case("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう");
        yield return Case("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        yield return Case("chrHbrw.dcm", "שרון^דבורה");
        yield return Case("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동");
        yield return Case("chrJapMulti.dcm", "やまだ^たろう");
        yield return Case("chrJapMultiExplicitIR6.dcm", "やまだ^たろう");
        yield return Case("chrKoreanMulti.dcm", "김희중");

        // The file mixes Cyrillic with the Latin look-alikes c, e, y and p, hence the escapes.
        yield return Case("chrRuss.dcm", "\u041B\u044E\u043Ace\u043C\u0431yp\u0433");
        yield return Case("chrX1.dcm", "Wang^XiaoDong=王^小東=");
        yield return Case("chrX2.dcm", "Wang^XiaoDong=王^小东=");

        // The name sits in a sequence item: with its own (0008,0005) in chrSQEncoding, inherited in chrSQEncoding1.
        yield return Case("chrSQEncoding.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        yield return Case("chrSQEncoding1.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
    }

    /// <summary>
    /// The names whose bytes we reproduce exactly. Left out: chrKoreanMulti, whose writer adds an ESC ( B that
    /// changes nothing (G0 was never switched), and chrSQEncoding*, whose writer returns to ISO-IR 6 with ESC ( B
    /// although value 1 (ISO 2022 IR 13) puts ISO-IR 14 in G0, for which PS3.5 Annex H writes ESC ( J.
    /// </summary>
    private static IEnumerable<TestCaseData> PatientNamesWrittenAsTheStandardDoes() =>
        PatientNames().Where(c => c.Arguments[0] is not ("chrKoreanMulti.dcm" or "chrSQEncoding.dcm" or "chrSQEncoding1.dcm"));

    private static IEnumerable<TestCaseData> OtherElements()
    {
        yield return Other("chrFrenMulti.dcm", 0x00101001, "Buc^Jérôme\\Buc^Jérôme");
        yield return Other("chrFrenMulti.dcm", 0x00101000, "eggs\\spam");
        yield return Other("chrJapMulti.dcm", 0x00101001, "やまだ^たろう\\やまだ^たろう");
        yield return Other("chrJapMulti.dcm", 0x001021B0, "たろう");
        yield return Other("chrJapMulti.dcm", 0x00080070, "Agfa-Gevaert AG");
        yield return Other("chrKoreanMulti.dcm", 0x00081070, "김희중");
        yield return Other("chrKoreanMulti.dcm", 0x00101001, "김희중\\김희중");
        yield return Other("chrKoreanMulti.dcm", 0x001021B0, "김희중");
        yield return Other("chrSQEncoding.dcm", 0x00321032, "Doctor^Who^^MD");
    }

    [TestCaseSource(nameof(PatientNames))]
    public void Decode_SamplePatientName_MatchesKnownName(string file, string expected)
    {
        var (characterSet, value) = Read(file, PatientName);

        var decoded = characterSet.Decode(value, DicomVR.PN);

        Assert.That(decoded.TrimEnd(' '), Is.EqualTo(expected));
        Assert.That(characterSet.HasUnknownTerms, Is.False);
    }

    [TestCaseSource(nameof(PatientNames))]
    public void Encode_SamplePatientName_DecodesBackToName(string file, string name)
    {
        var (characterSet, _) = Read(file, PatientName);

        var encoded = characterSet.Encode(name, DicomVR.PN);

        Assert.That(characterSet.Decode(encoded, DicomVR.PN), Is.EqualTo(name));
    }

    [TestCaseSource(nameof(PatientNamesWrittenAsTheStandardDoes))]
    public void Encode_SamplePatientName_ReproducesFileBytes(string file, string name)
    {
        var (characterSet, value) = Read(file, PatientName);

        var encoded = characterSet.Encode(name, DicomVR.PN);

        Assert.That(encoded, Is.EqualTo(value.AsSpan().TrimEnd((byte)' ').ToArray()));
    }

    [TestCaseSource(nameof(OtherElements))]
    public void Decode_SampleTextElement_MatchesKnownText(string file, int tag, string expected)
    {
        var (characterSet, value, vr) = ReadWithVr(file, (uint)tag);

        var decoded = characterSet.Decode(value, vr);

        Assert.That(decoded.TrimEnd(' '), Is.EqualTo(expected));
    }

    private static TestCaseData Case(string file, string expected) =>
        new TestCaseData(file, expected).SetArgDisplayNames(file);

    private static TestCaseData Other(string file, uint tag, string expected) =>
        new TestCaseData(file, (int)tag, expected).SetArgDisplayNames(file, $"({tag >> 16:X4},{tag & 0xFFFF:X4})");

    private static (DicomCharacterSet CharacterSet, byte[] Value) Read(string file, uint tag)
    {
        var (characterSet, value, _) = ReadWithVr(file, tag);
        return (characterSet, value);
    }

    private static (DicomCharacterSet CharacterSet, byte[] Value, DicomVR Vr) ReadWithVr(string file, uint tag)
    {
        var path = Path.Combine(SharedSamples.RequireDirectory("dicom-samples/pydicom/charset"), file);
        var elements = RawDicomScanner.Scan(path);
        var element = elements.FirstOrDefault(e => e.Tag == tag)
            ?? throw new AssertionException($"{file} has no element {tag:X8}.");
        var terms = RawDicomScanner.FindInScope(elements, SpecificCharacterSet, element) is { } set
            ? DicomCharacterSet.Default.Decode(set.Value, DicomVR.CS).TrimEnd(' ', '\0').Split('\\')
            : [];
        var vr = DicomVR.All.Single(v => v.Code == element.Vr);
        return (DicomCharacterSet.FromTerms(terms), element.Value, vr);
    }
}
