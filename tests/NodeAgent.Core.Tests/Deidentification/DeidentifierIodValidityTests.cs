using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>
/// Regressions found by dciodvfy on a planted-PHI CT slice (coord BUGS.md, 2026-12-01): de-identification must not
/// leave a stored instance less valid than it arrived. Each test is named after the bug it pins.
/// </summary>
[TestFixture]
public sealed class DeidentifierIodValidityTests
{
    private const string PerformedProcedureStepSopClass = "1.2.840.10008.3.1.2.3.3";

    [Test]
    public void Deidentify_MalformedStudyDateAndTimeUnderModifiedDates_EmptiedNotRemoved()
    {
        // Bug 1: a value the shift cannot parse was removed, so the Type 2 Study Date and Study Time went missing.
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "2024-06-15");
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "25:99");

        var result = Engine().Deidentify(dataset);

        Assert.Multiple(() =>
        {
            Assert.That(dataset.Get<DicomElement>(DicomTags.StudyDate)?.Length, Is.Zero, "Study Date is Z in the Basic Profile");
            Assert.That(dataset.Get<DicomElement>(DicomTags.StudyDate)?.VR, Is.EqualTo(DicomVR.DA));
            Assert.That(dataset.Get<DicomElement>(DicomTags.StudyTime)?.Length, Is.Zero, "Study Time is Z in the Basic Profile");
            Assert.That(result.Unprocessable, Is.EqualTo(2), "each value that could not be shifted is counted once");
            Assert.That(result.Count(DeidentificationAction.Empty), Is.GreaterThanOrEqualTo(2));
        });
    }

    // Bug 1, rows whose Basic Profile action resolves to D: Content Date is Z/D, Series Date is X/D.
    [TestCase(0x0008_0023u, "00000000", TestName = "Deidentify_MalformedContentDateUnderModifiedDates_DummyOfTheBasicProfile")]
    [TestCase(0x0008_0021u, "UNKNOWN", TestName = "Deidentify_UnparseableSeriesDate_DummyOfTheBasicProfile")]
    public void Deidentify_MalformedDateUnderModifiedDates_DummyOfTheBasicProfile(uint tag, string value)
    {
        var dataset = Patient();
        var dicomTag = new DicomTag(tag);
        dataset.AddOrUpdate(dicomTag, DicomVR.DA, value);

        var result = Engine().Deidentify(dataset);

        Assert.That(dataset.GetString(dicomTag), Is.EqualTo("19000101"), "the row's Basic Profile action resolves to D");
        Assert.That(result.Unprocessable, Is.EqualTo(1));
    }

    [Test]
    public void Deidentify_DummyReferencedPerformedProcedureStepSequence_KeepsItsReferencesWithUidsReplaced()
    {
        // Bug 2: X/Z/D on a sequence (resolved to D) gave one empty item without the Type 1 Referenced SOP Class
        // and Instance UID of its SOP Instance Reference Macro.
        const string stepUid = "1.2.826.0.1.3680043.9.7731.7";
        var reference = new DicomDataset()
            .AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, PerformedProcedureStepSopClass)
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, stepUid);
        var dataset = Patient();
        dataset.AddOrUpdate(Sequence(DicomTags.ReferencedPerformedProcedureStepSequence, reference));

        Engine().Deidentify(dataset);

        var item = dataset.Get<DicomSequence>(DicomTags.ReferencedPerformedProcedureStepSequence)!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(item.GetString(DicomTags.ReferencedSOPClassUID), Is.EqualTo(PerformedProcedureStepSopClass));
            Assert.That(item.GetString(DicomTags.ReferencedSOPInstanceUID), Is.EqualTo(Site.Uid(stepUid)));
        });
    }

    [Test]
    public void Deidentify_DummyPersonIdentificationCodeSequence_KeepsTheCodeButNotItsValues()
    {
        // Bug 2, the other side: keeping a D sequence's items must not keep what the table does not list, such as
        // the code that identifies an operator, or a UID of its own.
        var code = new DicomDataset()
            .AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, "EMP-55120")
            .AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, "HOSPA")
            .AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, $"Nurse {FamilyName}")
            .AddOrUpdate(DicomTags.ContextUID, DicomVR.UI, "1.2.826.0.1.3680043.9.7731.8");
        var operatorItem = new DicomDataset().AddOrUpdate(Sequence(DicomTags.PersonIdentificationCodeSequence, code));
        var dataset = Patient();
        dataset.AddOrUpdate(Sequence(DicomTags.OperatorIdentificationSequence, operatorItem));

        Engine().Deidentify(dataset);

        var kept = dataset.Get<DicomSequence>(DicomTags.OperatorIdentificationSequence)!.Items.Single()
            .Get<DicomSequence>(DicomTags.PersonIdentificationCodeSequence)!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(kept.GetString(DicomTags.CodeValue), Is.EqualTo("ANONYMIZED"));
            Assert.That(kept.GetString(DicomTags.CodingSchemeDesignator), Is.EqualTo("ANONYMIZED"));
            Assert.That(kept.GetString(DicomTags.CodeMeaning), Is.EqualTo("ANONYMIZED"));
            Assert.That(kept.GetString(DicomTags.ContextUID), Is.EqualTo(Site.Uid("1.2.826.0.1.3680043.9.7731.8")));
        });
    }

    [Test]
    public void Deidentify_ReferencedStudySequenceXZ_RemovedNotLeftWithZeroItems()
    {
        // Bug 3: X/Z resolved to Z for every attribute left the Type 3 Referenced Study Sequence with no items.
        var study = new DicomDataset()
            .AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, "1.2.840.10008.3.1.2.3.1")
            .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.9.7731.9");
        var context = new DicomDataset().AddOrUpdate(DicomTags.ValueType, DicomVR.CS, "TEXT");
        var dataset = Patient();
        dataset.AddOrUpdate(Sequence(DicomTags.ReferencedStudySequence, study));
        dataset.AddOrUpdate(Sequence(DicomTags.AcquisitionContextSequence, context));

        Engine().Deidentify(dataset);

        Assert.Multiple(() =>
        {
            Assert.That(dataset.Contains(DicomTags.ReferencedStudySequence), Is.False, "X/Z on a Type 3 sequence: X");
            Assert.That(dataset.Get<DicomSequence>(DicomTags.AcquisitionContextSequence)?.Items, Is.Empty, "X/Z on a Type 2 sequence: Z");
        });
    }

    [Test]
    public void BasicAction_XZRows_RemoveForSequencesExceptKnownType2()
    {
        var rows = ConfidentialityProfile.Attributes.ToDictionary(row => row.Tag.Value);

        Assert.Multiple(() =>
        {
            Assert.That(rows[DicomTags.ReferencedStudySequence.Value].BasicAction, Is.EqualTo(DeidentificationAction.Remove));
            Assert.That(rows[DicomTags.AcquisitionContextSequence.Value].BasicAction, Is.EqualTo(DeidentificationAction.Empty));
            Assert.That(rows[DicomTags.AcquisitionDate.Value].BasicAction, Is.EqualTo(DeidentificationAction.Empty), "X/Z on an element stays Z");
        });
    }

    [Test]
    public void Deidentify_EthicsCommitteeNameWithoutApprovalNumber_RemovedWithTheNumber()
    {
        // Bug 4: the Name (D) is 1C on the Approval Number (X); a dummy Name without its Number breaks the module.
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.ClinicalTrialProtocolEthicsCommitteeName, DicomVR.LO, "Springfield Ethics Board");
        dataset.AddOrUpdate(DicomTags.ClinicalTrialProtocolEthicsCommitteeApprovalNumber, DicomVR.LO, "EC-2024-118");

        Engine().Deidentify(dataset);

        Assert.Multiple(() =>
        {
            Assert.That(dataset.Contains(DicomTags.ClinicalTrialProtocolEthicsCommitteeApprovalNumber), Is.False);
            Assert.That(dataset.Contains(DicomTags.ClinicalTrialProtocolEthicsCommitteeName), Is.False);
        });
    }

    [Test]
    public void Deidentify_EthicsCommitteeApprovalNumberKeptByOverride_NameDummied()
    {
        var options = DeidentificationOptions.Default with
        {
            Overrides = [DeidentificationOverride.Parse("(0012,0082)", "K")],
        };
        var dataset = Patient();
        dataset.AddOrUpdate(DicomTags.ClinicalTrialProtocolEthicsCommitteeName, DicomVR.LO, "Springfield Ethics Board");
        dataset.AddOrUpdate(DicomTags.ClinicalTrialProtocolEthicsCommitteeApprovalNumber, DicomVR.LO, "EC-2024-118");

        Engine(options).Deidentify(dataset);

        Assert.Multiple(() =>
        {
            Assert.That(dataset.GetString(DicomTags.ClinicalTrialProtocolEthicsCommitteeApprovalNumber), Is.EqualTo("EC-2024-118"));
            Assert.That(dataset.GetString(DicomTags.ClinicalTrialProtocolEthicsCommitteeName), Is.EqualTo("ANONYMIZED"), "the Name is D");
        });
    }
}
