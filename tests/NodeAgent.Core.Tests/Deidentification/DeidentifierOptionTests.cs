using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>The options the shipped default leaves off: Clean Structured Content, Clean Graphics, Retain Institution Identity.</summary>
[TestFixture]
public sealed class DeidentifierOptionTests
{
    [Test]
    public void Deidentify_CleanStructuredContent_KeepsTheContentTreeCleaned()
    {
        var name = new DicomDataset()
            .AddOrUpdate(DicomTags.ValueType, DicomVR.CS, "PNAME")
            .AddOrUpdate(DicomTags.PersonName, DicomVR.PN, "Kildare^James");
        var date = new DicomDataset()
            .AddOrUpdate(DicomTags.ValueType, DicomVR.CS, "DATE")
            .AddOrUpdate(DicomTags.Date, DicomVR.DA, StudyDate);
        var text = new DicomDataset()
            .AddOrUpdate(DicomTags.ValueType, DicomVR.CS, "TEXT")
            .AddOrUpdate(DicomTags.TextValue, DicomVR.UT, $"Nodule in right lung, {FamilyName} informed on 2024-06-15.")
            .AddOrUpdate(new DicomSequence(DicomTags.ContentSequence, name, date));
        var dataset = Patient();
        dataset.AddOrUpdate(new DicomSequence(DicomTags.ContentSequence, text));

        Engine(DeidentificationOptions.Default with { CleanStructuredContent = true }).Deidentify(dataset);

        var root = dataset.Get<DicomSequence>(DicomTags.ContentSequence)!.Items.Single();
        var children = root.Get<DicomSequence>(DicomTags.ContentSequence)!.Items;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetString(DicomTags.TextValue), Is.EqualTo("Nodule in right lung, informed on."));
            Assert.That(children[0].GetString(DicomTags.PersonName), Is.EqualTo("ANONYMIZED"), "Person Name is D");
            Assert.That(children[1].GetDate(DicomTags.Date), Is.EqualTo(new DateOnly(2024, 6, 15).AddDays(Site.DateShiftDays(Issuer, PatientId))));
            Assert.That(dataset.Get<DicomSequence>(DicomTags.DeidentificationMethodCodeSequence)!.Items
                .Select(item => item.GetString(DicomTags.CodeValue)), Does.Contain("113104"));
        });
    }

    [Test]
    public void Deidentify_CleanGraphics_CleansAnnotationTextAndDropsWhatCannotBeCleaned()
    {
        var textObject = new DicomDataset().AddOrUpdate(DicomTags.UnformattedTextValue, DicomVR.ST, $"{FamilyName} R 12mm");
        var annotation = new DicomDataset().AddOrUpdate(new DicomSequence(DicomTags.TextObjectSequence, textObject));
        var dataset = Patient();
        dataset.AddOrUpdate(new DicomSequence(DicomTags.GraphicAnnotationSequence, annotation));
        dataset.AddOrUpdate(new DicomTag(0x5000, 0x2500), DicomVR.LO, $"curve of {FamilyName}");
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x5000, 0x3000), DicomVR.OW, new byte[8]));
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[8]));
        dataset.AddOrUpdate(new DicomTag(0x6000, 0x4000), DicomVR.LT, $"overlay of {FamilyName}");

        Engine(DeidentificationOptions.Default with { CleanGraphics = true }).Deidentify(dataset);

        var text = dataset.Get<DicomSequence>(DicomTags.GraphicAnnotationSequence)!.Items.Single()
            .Get<DicomSequence>(DicomTags.TextObjectSequence)!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(text.GetString(DicomTags.UnformattedTextValue), Is.EqualTo("R 12mm"));
            Assert.That(dataset.GetString(new DicomTag(0x5000, 0x2500)), Is.EqualTo("curve of"));
            Assert.That(dataset.Contains(new DicomTag(0x5000, 0x3000)), Is.False, "curve data cannot be inspected: Basic Profile X");
            Assert.That(dataset.Where(item => item.Tag.Group == 0x6000), Is.Empty, "an overlay bitmap cannot be cleaned: the plane goes");
        });
    }

    [Test]
    public void Deidentify_WithoutCleanGraphics_GraphicAnnotationTextDummied()
    {
        var textObject = new DicomDataset().AddOrUpdate(DicomTags.UnformattedTextValue, DicomVR.ST, FamilyName);
        var annotation = new DicomDataset()
            .AddOrUpdate(DicomTags.GraphicLayer, DicomVR.CS, "LAYER1")
            .AddOrUpdate(new DicomSequence(DicomTags.TextObjectSequence, textObject));
        var dataset = Patient();
        dataset.AddOrUpdate(new DicomSequence(DicomTags.GraphicAnnotationSequence, annotation));

        Engine().Deidentify(dataset);

        var item = dataset.Get<DicomSequence>(DicomTags.GraphicAnnotationSequence)!.Items.Single();
        Assert.That(item.GetString(DicomTags.GraphicLayer), Is.EqualTo("LAYER1"), "Graphic Layer (Type 1) stays");
        var text = item.Get<DicomSequence>(DicomTags.TextObjectSequence)!.Items.Single();
        Assert.That(text.GetString(DicomTags.UnformattedTextValue), Is.EqualTo("ANONYMIZED"), "Unformatted Text Value is D");
    }

    [Test]
    public void Deidentify_RetainInstitutionIdentity_KeepsTheInstitution()
    {
        var dataset = Patient();

        Engine(DeidentificationOptions.Default with { RetainInstitutionIdentity = true }).Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.InstitutionName), Is.EqualTo("St Elsewhere General"));
    }
}
