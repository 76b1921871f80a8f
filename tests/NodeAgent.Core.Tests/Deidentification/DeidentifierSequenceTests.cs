using System.Text;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Recursion through sequence items, character sets of items, and private attributes.</summary>
[TestFixture]
public sealed class DeidentifierSequenceTests
{
    [Test]
    public void Deidentify_ThreeLevelsDeep_AppliesTheProfileInEveryItem()
    {
        // Referenced Image Sequence (X/Z/U*) > Source Image Sequence (X/Z/U*) > Request Attributes Sequence (C).
        var level3 = new DicomDataset()
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3.3")
            .AddOrUpdate(DicomTags.PatientAddress, DicomVR.LO, "12 Harbour Road")
            .AddOrUpdate(DicomTags.ReasonForTheRequestedProcedure, DicomVR.LO, $"follow-up {FamilyName} ACC99812")
            .AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, StudyDate);
        var level2 = new DicomDataset()
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3.2")
            .AddOrUpdate(DicomTags.OperatorsName, DicomVR.PN, "Nurse^Ratched")
            .AddOrUpdate(Sequence(DicomTags.RequestAttributesSequence, level3));
        var level1 = new DicomDataset()
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3.1")
            .AddOrUpdate(Sequence(DicomTags.SourceImageSequence, level2));
        var dataset = Patient();
        dataset.AddOrUpdate(Sequence(DicomTags.ReferencedImageSequence, level1));

        Engine().Deidentify(dataset);

        var item1 = dataset.Get<DicomSequence>(DicomTags.ReferencedImageSequence)!.Items.Single();
        var item2 = item1.Get<DicomSequence>(DicomTags.SourceImageSequence)!.Items.Single();
        var item3 = item2.Get<DicomSequence>(DicomTags.RequestAttributesSequence)!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(item1.GetString(DicomTags.ReferencedSOPInstanceUID), Is.EqualTo(Site.Uid("1.2.826.0.1.3.1")));
            Assert.That(item2.GetString(DicomTags.ReferencedSOPInstanceUID), Is.EqualTo(Site.Uid("1.2.826.0.1.3.2")));
            Assert.That(item2.GetString(DicomTags.OperatorsName), Is.EqualTo("ANONYMIZED"));
            Assert.That(item3.GetString(DicomTags.ReferencedSOPInstanceUID), Is.EqualTo(Site.Uid("1.2.826.0.1.3.3")));
            Assert.That(item3.Contains(DicomTags.PatientAddress), Is.False);
            Assert.That(item3.GetString(DicomTags.ReasonForTheRequestedProcedure), Is.EqualTo("follow-up"));
            Assert.That(item3.GetDate(DicomTags.StudyDate), Is.EqualTo(new DateOnly(2024, 6, 15).AddDays(Site.DateShiftDays(Issuer, PatientId))));
        });
    }

    [Test]
    public void Deidentify_ItemWithItsOwnCharacterSet_CleansTextInThatCharacterSet()
    {
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Müller^Jürgen");
        var item = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.AddOrUpdate(Sequence(DicomTags.RequestAttributesSequence, item));
        item.AddOrUpdate(DicomTags.ReasonForTheRequestedProcedure, DicomVR.LO, "Kontrolle Müller Ελληνικά 山田");

        Engine().Deidentify(dataset);

        var cleaned = dataset.Get<DicomSequence>(DicomTags.RequestAttributesSequence)!.Items.Single();
        Assert.That(cleaned.CharacterSet.Name, Does.Contain("192"));
        Assert.That(cleaned.GetString(DicomTags.ReasonForTheRequestedProcedure), Is.EqualTo("Kontrolle Ελληνικά 山田"));
        Assert.That(Encoding.UTF8.GetString(cleaned.GetBytes(DicomTags.ReasonForTheRequestedProcedure).Span).TrimEnd(), Does.Contain("Ελληνικά"));
    }

    [Test]
    public void Deidentify_KeptSequence_StillCleansItsItems()
    {
        // Performed Station Name Code Sequence is K with Retain Device Identity: kept, but its items de-identified.
        var code = new DicomDataset()
            .AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, "ROOM3")
            .AddOrUpdate(DicomTags.PatientID, DicomVR.LO, PatientId);
        var dataset = Patient();
        dataset.AddOrUpdate(Sequence(new DicomTag(0x0040, 0x4028), code));

        Engine().Deidentify(dataset);

        var item = dataset.Get<DicomSequence>(new DicomTag(0x0040, 0x4028))!.Items.Single();
        Assert.That(item.GetString(DicomTags.CodeValue), Is.EqualTo("ROOM3"));
        Assert.That(item.GetString(DicomTags.PatientID), Is.EqualTo(Site.PatientPseudonym(Issuer, PatientId)));
    }

    [Test]
    public void Deidentify_CtSmallWithSafePrivate_KeepsTheGemsAttributesOfTableE3101Only()
    {
        var file = DicomFile.Open(RepoPaths.RequireSample("pydicom/CT_small.dcm"));
        var dataset = file.Dataset;
        Assert.That(dataset.FindPrivateTag(0x0019, "GEMS_ACQU_01", 0x23), Is.Not.Null, "the sample holds the GEMS block");

        var result = Engine().Deidentify(dataset);

        var privateTags = dataset.Where(item => item.Tag.IsPrivate).Select(item => item.Tag).ToArray();
        var acquisition = dataset.FindPrivateTag(0x0019, "GEMS_ACQU_01", 0x23)!.Value;
        var series = dataset.FindPrivateTag(0x0025, "GEMS_SERS_01", 0x07)!.Value;
        var parameters = dataset.FindPrivateTag(0x0043, "GEMS_PARM_01", 0x27)!.Value;
        Assert.That(privateTags, Is.EquivalentTo(new[]
        {
            new DicomTag(0x0019, 0x0010),
            acquisition,
            new DicomTag(0x0019, (ushort)(acquisition.Element + 1)),
            new DicomTag(0x0019, (ushort)(acquisition.Element + 4)),
            new DicomTag(0x0025, 0x0010),
            series, // Images in Series, also in Table E.3.10-1
            new DicomTag(0x0043, 0x0010),
            parameters,
        }));
        Assert.That(dataset.GetString(acquisition), Is.EqualTo("5.000000"));
        Assert.That(result.PrivateKept, Is.EqualTo(8));
        Assert.That(result.PrivateRemoved, Is.GreaterThan(50));
    }

    [Test]
    public void Deidentify_WithoutRetainSafePrivate_RemovesEveryPrivateAttribute()
    {
        var dataset = DicomFile.Open(RepoPaths.RequireSample("pydicom/CT_small.dcm")).Dataset;

        Engine(DeidentificationOptions.Default with { RetainSafePrivate = false }).Deidentify(dataset);

        Assert.That(dataset.Where(item => item.Tag.IsPrivate), Is.Empty);
    }

    [Test]
    public void Deidentify_PrivateBlockWithoutSafeElements_LosesItsCreatorToo()
    {
        var dataset = Patient();
        var safe = dataset.ReservePrivateTag(0x0019, "GEMS_ACQU_01", 0x23);
        dataset.AddOrUpdate(safe, DicomVR.DS, "5.0");
        var unsafeTag = dataset.ReservePrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10);
        dataset.AddOrUpdate(new DicomElement(unsafeTag, DicomVR.OB, "PATIENT DOEJOHNSON"u8.ToArray()));

        Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(safe), Is.EqualTo("5.0"));
        Assert.That(dataset.Where(item => item.Tag.Group == 0x0029), Is.Empty);
    }
}
