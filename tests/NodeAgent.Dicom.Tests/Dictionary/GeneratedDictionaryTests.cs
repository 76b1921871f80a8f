using System.Reflection;
using System.Text.Json;
using NodeAgent.Dicom.Dictionary;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Dictionary;

/// <summary>The committed *.g.cs files are what tools/generate-dictionary.py makes of the standard's tables.</summary>
[TestFixture]
public sealed class GeneratedDictionaryTests
{
    private const string Generator = "tools/generate-dictionary.py";

    [Test]
    public async Task GeneratedDictionary_IsCurrent()
    {
        var standard = RepoPaths.StandardDirectory;
        if (!Directory.Exists(standard))
        {
            Peers.Unavailable(
                $"The DICOM standard tables '{standard}' (../shared/dicom-standard beside the repository) are absent, " +
                $"so {Generator} cannot regenerate the dictionary to compare it with the committed files.");
        }

        if (!File.Exists(Peers.SystemPython))
        {
            Peers.Unavailable($"{Peers.SystemPython} does not exist, so {Generator} cannot run.");
        }

        var result = await ProcessRunner.RunAsync(
            Peers.SystemPython,
            [Path.Combine(RepoPaths.RepoRoot, Generator), "--check"],
            TimeSpan.FromMinutes(2));

        Assert.That(
            result.ExitCode,
            Is.Zero,
            $"The generated dictionary is out of date; run {Generator} and commit its output.{Environment.NewLine}{result.StdErr}");
    }

    [Test]
    public void Count_EveryEntryOfTheStandardTables_IsParsed()
    {
        var json = Path.Combine(RepoPaths.StandardDirectory, "dicom-dictionary.json");
        if (!File.Exists(json))
        {
            Peers.Unavailable($"The DICOM standard table '{json}' is absent.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(json));

        Assert.That(DicomDictionary.Count, Is.EqualTo(document.RootElement.GetProperty("count").GetInt32()));
    }

    [Test]
    public void DicomTags_EveryProperty_NamesItsDictionaryEntry()
    {
        var properties = typeof(DicomTags).GetProperties(BindingFlags.Public | BindingFlags.Static);
        var keyworded = DicomDictionary.Entries.Count(e => !e.IsRepeating && e.Keyword.Length > 0);

        Assert.That(properties, Has.Length.EqualTo(keyworded));
        foreach (var property in properties)
        {
            var tag = (DicomTag)property.GetValue(null)!;
            Assert.That(DicomDictionary.Find(tag)?.Keyword, Is.EqualTo(property.Name), $"{tag}");
        }
    }

    [Test]
    public void DicomTags_WellKnownKeywords_AreTheirTags()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DicomTags.PatientName, Is.EqualTo(new DicomTag(0x0010, 0x0010)));
            Assert.That(DicomTags.PixelData, Is.EqualTo(new DicomTag(0x7FE0, 0x0010)));
            Assert.That(DicomTags.TransferSyntaxUID, Is.EqualTo(new DicomTag(0x0002, 0x0010)));
            Assert.That(DicomTags.GenderIdentitySequence, Is.EqualTo(new DicomTag(0x0010, 0x0041)));
        });
    }
}
