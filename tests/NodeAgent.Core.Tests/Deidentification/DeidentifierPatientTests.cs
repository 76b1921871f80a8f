using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Keyed pseudonyms, consistent references, the patient's age and the de-identification markers.</summary>
[TestFixture]
public sealed class DeidentifierPatientTests
{
    [Test]
    public void Deidentify_PatientIdAndName_BothBecomeThePseudonym()
    {
        var dataset = Patient();

        var result = Engine().Deidentify(dataset);

        var expected = Site.PatientPseudonym(Issuer, PatientId);
        Assert.That(result.PatientPseudonym, Is.EqualTo(expected));
        Assert.That(dataset.GetString(DicomTags.PatientID), Is.EqualTo(expected));
        Assert.That(dataset.GetString(DicomTags.PatientName), Is.EqualTo(expected));
    }

    [Test]
    public void Deidentify_SamePatientInTwoStudies_SamePseudonymAndIntervalKept()
    {
        var first = Patient();
        var second = Patient(instanceUid: "1.2.826.0.1.3680043.9.7731.9.9.9");
        second.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20250101");
        second.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.9.7731.9");

        var firstResult = Engine().Deidentify(first);
        var secondResult = Engine(DeidentificationOptions.Default with { CleanGraphics = true }).Deidentify(second);

        Assert.That(secondResult.PatientPseudonym, Is.EqualTo(firstResult.PatientPseudonym));
        var interval = second.GetDate(DicomTags.StudyDate)!.Value.DayNumber - first.GetDate(DicomTags.StudyDate)!.Value.DayNumber;
        Assert.That(interval, Is.EqualTo(new DateOnly(2025, 1, 1).DayNumber - new DateOnly(2024, 6, 15).DayNumber));
    }

    [Test]
    public void Deidentify_OtherPatient_DifferentPseudonym()
    {
        var first = Patient();
        var second = Patient(patientId: "PID-7731-XR");

        Assert.That(Engine().Deidentify(second).PatientPseudonym, Is.Not.EqualTo(Engine().Deidentify(first).PatientPseudonym));
    }

    [Test]
    public void Deidentify_ReferencedSopInstanceUid_MapsToTheReferencedInstancesNewUid()
    {
        const string referencedUid = "1.2.826.0.1.3680043.9.7731.1.2.2";
        var referenced = Patient(instanceUid: referencedUid);
        var referencing = Patient();
        var reference = new DicomDataset()
            .AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, CtImageStorage)
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, referencedUid);
        referencing.AddOrUpdate(Sequence(DicomTags.ReferencedImageSequence, reference));

        Engine().Deidentify(referenced);
        Engine().Deidentify(referencing);

        var item = referencing.Get<DicomSequence>(DicomTags.ReferencedImageSequence)!.Items.Single();
        Assert.That(item.GetString(DicomTags.ReferencedSOPInstanceUID), Is.EqualTo(referenced.GetString(DicomTags.SOPInstanceUID)));
        Assert.That(item.GetString(DicomTags.ReferencedSOPClassUID), Is.EqualTo(CtImageStorage));
    }

    [Test]
    public void Deidentify_NoPatientAge_ComputedFromOriginalDatesBeforeTheyAreRemoved()
    {
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19790312");
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20240615");

        Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.PatientAge), Is.EqualTo("045Y"));
        Assert.That(dataset.Get<DicomElement>(DicomTags.PatientBirthDate)?.Length, Is.Zero);
    }

    [Test]
    public void Deidentify_PatientAgePresent_Kept()
    {
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.PatientAge, DicomVR.AS, "044Y");

        Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.PatientAge), Is.EqualTo("044Y"));
    }

    [Test]
    public void Deidentify_WithoutRetainPatientCharacteristics_NoAge()
    {
        var dataset = Patient();

        Engine(DeidentificationOptions.Default with { RetainPatientCharacteristics = false }).Deidentify(dataset);

        Assert.That(dataset.Contains(DicomTags.PatientAge), Is.False);
    }

    [Test]
    public void Deidentify_DefaultOptions_CarriesTheCid7050CodesOfTheOptionsApplied()
    {
        var dataset = Patient();

        Engine().Deidentify(dataset);

        var codes = dataset.Get<DicomSequence>(DicomTags.DeidentificationMethodCodeSequence)!.Items
            .Select(item => (item.GetString(DicomTags.CodeValue), item.GetString(DicomTags.CodingSchemeDesignator)))
            .ToArray();
        Assert.That(codes, Is.EqualTo(new[]
        {
            ("113100", "DCM"), // Basic Application Confidentiality Profile
            ("113105", "DCM"), // Clean Descriptors
            ("113107", "DCM"), // Retain Longitudinal Temporal Information Modified Dates
            ("113108", "DCM"), // Retain Patient Characteristics
            ("113109", "DCM"), // Retain Device Identity
            ("113111", "DCM"), // Retain Safe Private
        }));
        Assert.That(dataset.GetString(DicomTags.PatientIdentityRemoved), Is.EqualTo("YES"));
        Assert.That(dataset.GetString(DicomTags.LongitudinalTemporalInformationModified), Is.EqualTo("MODIFIED"));
        Assert.That(dataset.GetStrings(DicomTags.DeidentificationMethod), Has.Count.EqualTo(6).And.All.Length.LessThanOrEqualTo(64));
    }

    [Test]
    public void Deidentify_RetainUidsAndFullDates_KeepsThemAndSaysSo()
    {
        var dataset = Patient();
        var options = DeidentificationOptions.Default with { RetainUids = true, RetainLongitudinalModifiedDates = false, RetainLongitudinalFullDates = true };

        Engine(options).Deidentify(dataset);

        Assert.That(dataset.GetString(DicomTags.SOPInstanceUID), Is.EqualTo(InstanceUid));
        Assert.That(dataset.GetString(DicomTags.StudyDate), Is.EqualTo(StudyDate));
        Assert.That(dataset.GetString(DicomTags.LongitudinalTemporalInformationModified), Is.EqualTo("UNMODIFIED"));
    }

    [Test]
    public void Deidentify_NoPatientId_PseudonymKeyedOnTheStudy()
    {
        var first = Patient(patientId: "");
        var second = Patient(patientId: "");
        second.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3.4.5");

        var firstPseudonym = Engine().Deidentify(first).PatientPseudonym;

        Assert.That(firstPseudonym, Does.StartWith("TST-"));
        Assert.That(Engine().Deidentify(second).PatientPseudonym, Is.Not.EqualTo(firstPseudonym));
        Assert.That(first.GetString(DicomTags.PatientID), Is.EqualTo(firstPseudonym));
    }

    [Test]
    public void Constructor_BothLongitudinalOptions_Rejected()
    {
        var options = DeidentificationOptions.Default with { RetainLongitudinalFullDates = true };

        Assert.That(() => Engine(options), Throws.ArgumentException.With.Message.Contains("exclude each other"));
    }
}
