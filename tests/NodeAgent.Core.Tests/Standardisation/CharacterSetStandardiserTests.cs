using NodeAgent.Core.Standardisation;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Standardisation;

/// <summary>Every text value survives the move to UTF-8: the decoded strings are the same before and after.</summary>
[TestFixture]
public sealed class CharacterSetStandardiserTests
{
    private static readonly string[] CharsetSamples =
    [
        "chrArab.dcm", "chrFren.dcm", "chrFrenMulti.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrH31.dcm", "chrH32.dcm",
        "chrHbrw.dcm", "chrI2.dcm", "chrJapMulti.dcm", "chrJapMultiExplicitIR6.dcm", "chrKoreanMulti.dcm", "chrRuss.dcm",
        "chrSQEncoding.dcm", "chrSQEncoding1.dcm", "chrX1.dcm", "chrX2.dcm",
    ];

    [TestCaseSource(nameof(CharsetSamples))]
    public void ToUtf8_CharsetSample_SameTextAndIsoIr192(string name)
    {
        var path = RepoPaths.RequireSample($"pydicom/charset/{name}");
        var before = Texts(DicomFile.Open(path).Dataset);
        var dataset = DicomFile.Open(path).Dataset;

        CharacterSetStandardiser.ToUtf8(dataset);

        Assert.That(dataset.GetString(DicomTags.SpecificCharacterSet), Is.EqualTo("ISO_IR 192"));
        Assert.That(Texts(dataset), Is.EqualTo(before));
    }

    [TestCaseSource(nameof(CharsetSamples))]
    public void ToUtf8_CharsetSample_SavedFileReadsBackTheSameText(string name)
    {
        var path = RepoPaths.RequireSample($"pydicom/charset/{name}");
        var before = Texts(DicomFile.Open(path).Dataset);
        var file = DicomFile.Open(path);
        CharacterSetStandardiser.ToUtf8(file.Dataset);
        using var directory = new TempDirectory("utf8");
        var copy = directory.Combine("copy.dcm");

        file.Save(copy);

        Assert.That(Texts(DicomFile.Open(copy).Dataset), Is.EqualTo(before));
    }

    [Test]
    public void ToUtf8_Latin1Name_BytesBecomeUtf8()
    {
        var dataset = new DicomDataset()
            .AddOrUpdate(new DicomElement(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100"u8.ToArray()))
            .AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, new byte[] { (byte)'M', 0xFC, (byte)'l', (byte)'l', (byte)'e', (byte)'r' }));

        var changed = CharacterSetStandardiser.ToUtf8(dataset);

        Assert.That(changed, Is.EqualTo(1));
        Assert.That(dataset.GetBytes(DicomTags.PatientName).ToArray(), Is.EqualTo("Müller "u8.ToArray()), "7 UTF-8 bytes, padded to even length with a space");
        Assert.That(dataset.GetString(DicomTags.PatientName), Is.EqualTo("Müller"));
    }

    /// <summary>Every text value with its path, decoded with the character set in force for it.</summary>
    private static List<string> Texts(DicomDataset dataset, string path = "")
    {
        var texts = new List<string>();
        foreach (var item in dataset)
        {
            if (item is DicomElement { VR.IsCharacterSetDependent: true } element)
            {
                texts.Add($"{path}{element.Tag}={dataset.GetString(element.Tag)}");
            }
            else if (item is DicomSequence sequence)
            {
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    texts.AddRange(Texts(sequence.Items[i], $"{path}{sequence.Tag}[{i}]/"));
                }
            }
        }

        return texts;
    }
}
