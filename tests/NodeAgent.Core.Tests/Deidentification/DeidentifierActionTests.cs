using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Each action code of PS3.15 Table E.1-1a, on a synthetic data set under the shipped default options.</summary>
[TestFixture]
public sealed class DeidentifierActionTests
{
    [Test]
    public void Deidentify_RemoveAction_RemovesAttribute()
    {
        var dataset = Patient();

        var result = Engine().Deidentify(dataset);

        Assert.That(dataset.Contains(DicomTags.PatientAddress), Is.False, "Patient's Address is X");
        Assert.That(dataset.Contains(DicomTags.IssuerOfPatientID), Is.False, "Issuer of Patient ID is X");
        Assert.That(result.Count(DeidentificationAction.Remove), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Deidentify_EmptyAction_LeavesZeroLengthValue()
    {
        var dataset = Patient();

        Engine().Deidentify(dataset);

        Assert.That(dataset.Get<DicomElement>(DicomTags.AccessionNumber)?.Length, Is.Zero, "Accession Number is Z");
        Assert.That(dataset.Get<DicomElement>(DicomTags.ReferringPhysicianName)?.Length, Is.Zero, "Referring Physician's Name is Z");
        Assert.That(dataset.Get<DicomElement>(DicomTags.PatientBirthDate)?.Length, Is.Zero, "Patient's Birth Date is Z");
    }

    [Test]
    public void Deidentify_DummyAction_ReplacesWithDummyOfTheVR()
    {
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.OperatorsName, DicomVR.PN, "Nurse^Ratched");

        Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.OperatorsName), Is.EqualTo("ANONYMIZED"), "Operators' Name is X/Z/D, resolved to D");
        Assert.That(dataset.GetString(DicomTags.InstitutionName), Is.EqualTo("ANONYMIZED"), "Institution Name is X/Z/D, resolved to D");
    }

    [Test]
    public void Deidentify_DummySequence_KeepsItemsWithUnlistedTextDummied()
    {
        var dataset = Patient();
        var contentItem = new DicomDataset()
            .AddOrUpdate(DicomTags.ValueType, DicomVR.CS, "TEXT")
            .AddOrUpdate(DicomTags.TextValue, DicomVR.UT, $"Patient {FamilyName} seen on 2024-06-15");
        dataset.AddOrUpdate(Sequence(DicomTags.ContentSequence, contentItem));

        Engine().Deidentify(dataset);

        var content = dataset.Get<DicomSequence>(DicomTags.ContentSequence);
        Assert.That(content?.Items, Has.Count.EqualTo(1), "Content Sequence is D: its items stay");
        Assert.That(content!.Items[0].GetString(DicomTags.ValueType), Is.EqualTo("TEXT"), "a coded string is kept");
        Assert.That(content.Items[0].GetString(DicomTags.TextValue), Is.EqualTo("ANONYMIZED"), "text the table does not list is dummied");
    }

    [Test]
    public void Deidentify_KeepAction_KeepsValue()
    {
        var dataset = Patient();

        Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.PatientSex), Is.EqualTo("F"), "Patient's Sex is K with Retain Patient Characteristics");
        Assert.That(dataset.GetString(DicomTags.StationName), Is.EqualTo("CT01"), "Station Name is K with Retain Device Identity");
        Assert.That(dataset.GetString(DicomTags.Manufacturer), Is.EqualTo("ACME"), "not in Table E.1-1: kept");
    }

    [Test]
    public void Deidentify_CleanDate_ShiftsByThePatientsOffset()
    {
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.AcquisitionDateTime, DicomVR.DT, "20240615101530.123456+0200");
        var shift = Site.DateShiftDays(Issuer, PatientId);

        Engine().Deidentify(dataset);

        var expected = new DateOnly(2024, 6, 15).AddDays(shift);
        Assert.That(dataset.GetDate(DicomTags.StudyDate), Is.EqualTo(expected));
        Assert.That(dataset.GetString(DicomTags.AcquisitionDateTime), Is.EqualTo($"{expected:yyyyMMdd}101530.123456+0200"));
        Assert.That(dataset.GetString(DicomTags.StudyTime), Is.EqualTo("101530"), "TM holds no date and is kept");
        Assert.That(shift, Is.InRange(Pseudonyms.MinimumDateShiftDays, Pseudonyms.MaximumDateShiftDays));
    }

    [Test]
    public void Deidentify_CleanDescriptor_RemovesIdentifyingTokens()
    {
        var dataset = Patient();

        Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.StudyDescription), Is.EqualTo("CT CHEST"));
    }

    [Test]
    public void Deidentify_CleanAeTitle_ReplacesWithKeyedTitle()
    {
        var first = Patient();
        first.AddOrUpdate(DicomTags.StationAETitle, DicomVR.AE, "CT_ROOM_3_ELSEWHR");
        var second = Patient();
        second.AddOrUpdate(DicomTags.StationAETitle, DicomVR.AE, "CT_ROOM_3_ELSEWHR");

        Engine().Deidentify(first);
        Engine().Deidentify(second);

        var title = first.GetString(DicomTags.StationAETitle);
        Assert.That(title, Does.StartWith("AE").And.Length.EqualTo(16));
        Assert.That(second.GetString(DicomTags.StationAETitle), Is.EqualTo(title));
    }

    [Test]
    public void Deidentify_ReplaceUid_MapsEveryInstanceUidAndKeepsClassUids()
    {
        var dataset = Patient();

        var result = Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.SOPInstanceUID), Is.EqualTo(Site.Uid(InstanceUid)).And.StartWith("2.25."));
        Assert.That(dataset.GetString(DicomTags.StudyInstanceUID), Is.EqualTo(Site.Uid(StudyUid)));
        Assert.That(dataset.GetString(DicomTags.SeriesInstanceUID), Is.EqualTo(Site.Uid(SeriesUid)));
        Assert.That(dataset.GetString(DicomTags.FrameOfReferenceUID), Is.EqualTo(Site.Uid(FrameOfReferenceUid)));
        Assert.That(dataset.GetString(DicomTags.SOPClassUID), Is.EqualTo(CtImageStorage));
        Assert.That(result.Count(DeidentificationAction.ReplaceUid), Is.EqualTo(4));
    }

    [Test]
    public void Deidentify_CleanOfBinaryValue_FallsBackToBasicAction()
    {
        var dataset = Patient();
        dataset.AddOrUpdate(new DicomElement(DicomTags.MakerNote, DicomVR.OB, "PHIMARK!"u8.ToArray()));

        Engine().Deidentify(dataset);

        Assert.That(dataset.Contains(DicomTags.MakerNote), Is.False, "Maker Note is X, C with Clean Descriptors; OB cannot be cleaned");
    }

    [Test]
    public void Deidentify_BasicProfileOnly_RemovesDescriptorsAndEmptiesDates()
    {
        var dataset = Patient();

        Engine(DeidentificationOptions.BasicProfile).Deidentify(dataset);

        Assert.Multiple(() =>
        {
            Assert.That(dataset.Contains(DicomTags.StudyDescription), Is.False);
            Assert.That(dataset.Get<DicomElement>(DicomTags.StudyDate)?.Length, Is.Zero, "Study Date is Z");
            Assert.That(dataset.Get<DicomElement>(DicomTags.PatientSex)?.Length, Is.Zero, "Patient's Sex is Z");
            Assert.That(dataset.GetString(DicomTags.StationName), Is.EqualTo("ANONYMIZED"), "Station Name is X/Z/D");
            Assert.That(dataset.GetString(DicomTags.LongitudinalTemporalInformationModified), Is.EqualTo("REMOVED"));
        });
    }

    [Test]
    public void Deidentify_SiteOverride_ReplacesTheTablesAction()
    {
        var options = DeidentificationOptions.Default with
        {
            Overrides =
            [
                DeidentificationOverride.Parse("StudyDescription", "K"),
                DeidentificationOverride.Parse("(0008,0070)", "X"),
            ],
        };
        var dataset = Patient();

        Engine(options).Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.StudyDescription), Does.Contain(FamilyName), "the site chose to keep it");
        Assert.That(dataset.Contains(DicomTags.Manufacturer), Is.False);
        Assert.That(dataset.GetStrings(DicomTags.DeidentificationMethod), Has.Some.Contains("site overrides: 2"));
    }

    [Test]
    public void Deidentify_UnknownStandardTagAndGroupLength_Removed()
    {
        var dataset = Patient();
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0008, 0x0000), DicomVR.UL, new byte[4]));
        dataset.AddOrUpdate(new DicomTag(0x0019 - 1, 0x7777), DicomVR.LO, "no dictionary knows me");

        var result = Engine().Deidentify(dataset);

        Assert.That(dataset.Contains(new DicomTag(0x0008, 0x0000)), Is.False);
        Assert.That(dataset.Contains(new DicomTag(0x0018, 0x7777)), Is.False);
        Assert.That(result.UnknownRemoved, Is.EqualTo(2));
    }

    [Test]
    public void Deidentify_OverlayData_RemovesTheWholeOverlayPlane()
    {
        var dataset = Patient();
        dataset.AddOrUpdate<ushort>(new DicomTag(0x6002, 0x0010), DicomVR.US, 16);
        dataset.AddOrUpdate(new DicomTag(0x6002, 0x0022), DicomVR.LO, "overlay");
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x6002, 0x3000), DicomVR.OW, new byte[32]));

        Engine().Deidentify(dataset);

        Assert.That(dataset.Where(item => item.Tag.Group == 0x6002), Is.Empty);
    }
}
