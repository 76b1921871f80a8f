using System.Text.Json;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Table E.1-1 as generated data, and its resolution for a choice of options.</summary>
[TestFixture]
public sealed class ConfidentialityProfileTests
{
    private const string Generator = "tools/generate-deidentification-profile.py";

    [Test]
    public async Task GeneratedTables_AreCurrent()
    {
        var standard = RepoPaths.StandardDirectory;
        if (!Directory.Exists(standard))
        {
            Peers.Unavailable(
                $"The DICOM standard tables '{standard}' (../shared/dicom-standard beside the repository) are absent, " +
                $"so {Generator} cannot regenerate the de-identification tables to compare them with the committed files.");
        }

        if (!File.Exists(Peers.SystemPython))
        {
            Peers.Unavailable($"{Peers.SystemPython} does not exist, so {Generator} cannot run.");
        }

        var result = await ProcessRunner.RunAsync(
            Peers.SystemPython,
            [Path.Combine(RepoPaths.RepoRoot, Generator), "--check", "--standard", standard],
            TimeSpan.FromMinutes(2));

        Assert.That(
            result.ExitCode,
            Is.Zero,
            $"The generated de-identification tables are out of date; run {Generator} and commit its output.{Environment.NewLine}{result.StdErr}");
    }

    [Test]
    public void Attributes_EveryRowOfTableE11_WithEveryOptionColumn()
    {
        var json = Path.Combine(RepoPaths.StandardDirectory, "ps3.15-E.1-1-confidentiality-profile-2026d.json");
        if (!File.Exists(json))
        {
            Peers.Unavailable($"The PS3.15 table '{json}' is absent.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToArray();

        Assert.That(ConfidentialityProfile.Attributes, Has.Count.EqualTo(rows.Length));
        var byName = ConfidentialityProfile.Attributes.ToDictionary(a => (a.Name, a.IsPrivateAttributes || a.IsRepeating ? default : a.Tag));
        foreach (var row in rows)
        {
            var tagText = row.GetProperty("tag").GetString()!;
            var tag = tagText.Contains('x', StringComparison.Ordinal) || tagText.Contains('g', StringComparison.Ordinal) ? default : DicomTag.Parse(tagText);
            var attribute = byName[(row.GetProperty("name").GetString()!.Trim(), tag)];
            var options = row.GetProperty("options").EnumerateObject()
                .ToDictionary(o => Enum.Parse<ProfileOption>(o.Name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true), o => o.Value.GetString());
            Assert.That(attribute.BasicProfile, Is.EqualTo(row.GetProperty("basic_profile").GetString()), tagText);
            Assert.That(attribute.IsRetired, Is.EqualTo(row.GetProperty("retired").GetBoolean()), tagText);
            Assert.That(
                attribute.Options.ToDictionary(o => o.Key, o => o.Value == DeidentificationAction.Keep ? "K" : "C"),
                Is.EquivalentTo(options),
                tagText);
        }
    }

    [TestCase("X/Z", DeidentificationAction.Empty)]
    [TestCase("X/D", DeidentificationAction.Dummy)]
    [TestCase("Z/D", DeidentificationAction.Dummy)]
    [TestCase("X/Z/D", DeidentificationAction.Dummy)]
    [TestCase("X/Z/U*", DeidentificationAction.ReplaceUid)]
    [TestCase("K", DeidentificationAction.Keep)]
    public void ResolveBasic_CombinedCode_TheActionThatKeepsEveryIodValid(string code, DeidentificationAction expected)
    {
        Assert.That(ProfileAttribute.ResolveBasic(code), Is.EqualTo(expected));
    }

    [Test]
    public void Find_DefaultOptions_ResolvesOptionsOverTheBasicProfile()
    {
        var profile = ConfidentialityProfile.Create(DeidentificationOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Find(DicomTags.StudyDate), Is.EqualTo(Rule(DeidentificationAction.Clean, ProfileOption.RetainLongitudinalModifiedDates, DeidentificationAction.Empty)));
            Assert.That(profile.Find(DicomTags.CalibrationDate)?.Action, Is.EqualTo(DeidentificationAction.Clean), "device K and modified dates C: C discloses less");
            Assert.That(profile.Find(DicomTags.DeviceSerialNumber)?.Action, Is.EqualTo(DeidentificationAction.Keep));
            Assert.That(profile.Find(DicomTags.InstitutionName)?.Action, Is.EqualTo(DeidentificationAction.Dummy));
            Assert.That(profile.Find(DicomTags.PatientSex)?.Action, Is.EqualTo(DeidentificationAction.Keep));
            Assert.That(profile.Find(DicomTags.ReferencedImageSequence)?.Action, Is.EqualTo(DeidentificationAction.ReplaceUid));
            Assert.That(profile.Find(new DicomTag(0x6004, 0x3000))?.Action, Is.EqualTo(DeidentificationAction.Remove));
            Assert.That(profile.Find(new DicomTag(0x6001, 0x3000)), Is.EqualTo(profile.PrivateAttributes), "an odd group is private, not an overlay");
            Assert.That(profile.PrivateAttributes.Action, Is.EqualTo(DeidentificationAction.Clean));
            Assert.That(profile.Find(DicomTags.Manufacturer), Is.Null, "not in the table");
            Assert.That(profile.Find(new DicomTag(0x0014, 0x2006), DicomVR.PN)?.Action, Is.EqualTo(DeidentificationAction.Remove), "a name outside the table");
        });
    }

    [Test]
    public void Find_BasicProfile_RemovesPrivateAndEmptiesDates()
    {
        var profile = ConfidentialityProfile.Create(DeidentificationOptions.BasicProfile);

        Assert.That(profile.PrivateAttributes.Action, Is.EqualTo(DeidentificationAction.Remove));
        Assert.That(profile.Find(DicomTags.StudyDate)?.Action, Is.EqualTo(DeidentificationAction.Empty));
        Assert.That(profile.Find(DicomTags.StudyDescription)?.Action, Is.EqualTo(DeidentificationAction.Remove));
    }

    [Test]
    public void Find_Override_ReplacesTheTablesActionAndKeepsItsFallback()
    {
        var options = DeidentificationOptions.Default with
        {
            Overrides = [new(DicomTags.StudyDate, DeidentificationAction.Remove), new(DicomTags.BodyPartExamined, DeidentificationAction.Clean)],
        };

        var profile = ConfidentialityProfile.Create(options);

        Assert.That(profile.Find(DicomTags.StudyDate), Is.EqualTo(new AttributeRule(DeidentificationAction.Remove, null, DeidentificationAction.Empty, true)));
        Assert.That(profile.Find(DicomTags.BodyPartExamined), Is.EqualTo(new AttributeRule(DeidentificationAction.Clean, null, DeidentificationAction.Remove, true)));
    }

    [Test]
    public void Validate_BadOverrides_Reported()
    {
        var options = DeidentificationOptions.Default with
        {
            Overrides =
            [
                new(new DicomTag(0x0019, 0x1023), DeidentificationAction.Keep),
                new(DicomTags.StudyDate, DeidentificationAction.Keep),
                new(DicomTags.StudyDate, DeidentificationAction.Remove),
            ],
        };

        Assert.That(options.Validate(), Has.Count.EqualTo(2));
        Assert.That(() => ConfidentialityProfile.Create(options), Throws.ArgumentException);
    }

    [TestCase("(0008,1030)", "X", 0x00081030u, DeidentificationAction.Remove)]
    [TestCase("00081030", "keep", 0x00081030u, DeidentificationAction.Keep)]
    [TestCase("PatientWeight", "U", 0x00101030u, DeidentificationAction.ReplaceUid)]
    public void Parse_ConfigurationText_Override(string tag, string action, uint expectedTag, DeidentificationAction expectedAction)
    {
        Assert.That(DeidentificationOverride.Parse(tag, action), Is.EqualTo(new DeidentificationOverride(new DicomTag(expectedTag), expectedAction)));
    }

    [Test]
    public void Parse_Unknown_Throws()
    {
        Assert.That(() => DeidentificationOverride.Parse("NoSuchKeyword", "X"), Throws.InstanceOf<FormatException>());
        Assert.That(() => DeidentificationOverride.Parse("(0008,1030)", "Q"), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void SafePrivateAttributes_TableE3101_ByCreatorWhateverItsCase()
    {
        Assert.That(SafePrivateAttributes.Count, Is.EqualTo(479));
        Assert.That(SafePrivateAttributes.IsSafe(0x0019, "GEMS_ACQU_01", 0x23), Is.True);
        Assert.That(SafePrivateAttributes.IsSafe(0x0019, "gems_acqu_01 ", 0x23), Is.True);
        Assert.That(SafePrivateAttributes.IsSafe(0x0019, "GEMS_ACQU_01", 0x22), Is.False);
        Assert.That(SafePrivateAttributes.IsSafe(0x0043, "GEMS_PARM_01", 0x27), Is.True);
        Assert.That(SafePrivateAttributes.IsSafe(0x0043, null, 0x27), Is.False);
    }

    private static AttributeRule Rule(DeidentificationAction action, ProfileOption? option, DeidentificationAction fallback) =>
        new(action, option, fallback);
}
