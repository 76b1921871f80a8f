using NodeAgent.Core.Index;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Index;

/// <summary>Dimensions of real files written by other software (shared/dicom-samples).</summary>
[TestFixture]
public sealed class DimensionExtractorSampleTests
{
    private static InstanceDimensions Extract(string sample)
    {
        var file = DicomFile.Open(RepoPaths.RequireSample(sample));
        return ShippedTables.Extractor.Extract(file.Dataset, file.TransferSyntax.Uid);
    }

    [Test]
    public void Extract_CtSmall_CtDimensionsWithGeNormalised()
    {
        var dimensions = Extract("pydicom/CT_small.dcm");

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.Modality, Is.EqualTo("CT"));
            Assert.That(dimensions.Manufacturer, Is.EqualTo("GE"), "GE MEDICAL SYSTEMS");
            Assert.That(dimensions.ManufacturerModel, Is.EqualTo("RHAPSODE"));
            Assert.That(dimensions.Kvp, Is.EqualTo(120));
            Assert.That(dimensions.SliceThickness, Is.EqualTo(5.0));
            Assert.That(dimensions.Rows, Is.EqualTo(128));
            Assert.That(dimensions.Columns, Is.EqualTo(128));
            Assert.That(dimensions.PixelSpacingRow, Is.EqualTo(0.661468).Within(1e-9));
            Assert.That(dimensions.PixelSpacingColumn, Is.EqualTo(0.661468).Within(1e-9));
            Assert.That(dimensions.NumberOfFrames, Is.EqualTo(1));
            Assert.That(dimensions.Sex, Is.EqualTo("O"));
            Assert.That(dimensions.AgeYears, Is.Zero, "000Y");
            Assert.That(dimensions.AgeBand, Is.EqualTo("0-4"));
            Assert.That(dimensions.AcquisitionYear, Is.EqualTo(1997), "Acquisition Date 19970430, before Study Date 20040119");
            Assert.That(dimensions.AcquisitionQuarter, Is.EqualTo(2));
            Assert.That(dimensions.ContrastAgent, Is.True, "ISOVUE300/100");
            Assert.That(dimensions.SopClassUid, Is.EqualTo("1.2.840.10008.5.1.4.1.1.2"));
            Assert.That(dimensions.TransferSyntaxUid, Is.EqualTo("1.2.840.10008.1.2.1"));
            Assert.That(dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Low));
            Assert.That(dimensions.BodyPart, Is.EqualTo(BodyPart.Unknown(null)));
            Assert.That(dimensions.MagneticFieldStrength, Is.Null);
        });
    }

    [Test]
    public void Extract_MrSmall_ToshibaIsCanonAndNoFieldStrength()
    {
        var dimensions = Extract("pydicom/MR_small.dcm");

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.Modality, Is.EqualTo("MR"));
            Assert.That(dimensions.Manufacturer, Is.EqualTo("Canon"), "TOSHIBA_MEC");
            Assert.That(dimensions.Rows, Is.EqualTo(64));
            Assert.That(dimensions.SliceThickness, Is.EqualTo(0.8));
            // MR_small carries no Magnetic Field Strength (0018,0087); the index does not derive one from the
            // Imaging Frequency.
            Assert.That(dimensions.MagneticFieldStrength, Is.Null);
            Assert.That(dimensions.ContrastAgent, Is.False, "Contrast/Bolus Agent is present but empty");
            Assert.That(dimensions.AcquisitionYear, Is.EqualTo(2004), "empty Acquisition Date, falls back to the Study Date");
            Assert.That(dimensions.AcquisitionQuarter, Is.EqualTo(3));
        });
    }

    [Test]
    public void Extract_SiemensMr_FieldStrengthBodyPartAndAgeBand()
    {
        var dimensions = Extract("pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm");

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.MagneticFieldStrength, Is.EqualTo(1.494).Within(1e-6));
            Assert.That(dimensions.Manufacturer, Is.EqualTo("Siemens"));
            Assert.That(dimensions.BodyPart, Is.EqualTo(new BodyPart("818981001", "SCT", "Abdomen", "ABDOMEN")));
            Assert.That(dimensions.AgeYears, Is.EqualTo(58));
            Assert.That(dimensions.AgeBand, Is.EqualTo("55-59"));
            Assert.That(dimensions.ContrastAgent, Is.True, "11 ml Omniscan");
        });
    }

    [Test]
    public void Extract_EnhancedMr_FieldStrengthFramesAndDateTime()
    {
        var dimensions = Extract("pydicom-data/emri_small.dcm");

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.MagneticFieldStrength, Is.EqualTo(3.0));
            Assert.That(dimensions.NumberOfFrames, Is.EqualTo(10));
            Assert.That(dimensions.BodyPart.Code, Is.EqualTo("69536005"), "HEAD");
            Assert.That(dimensions.AcquisitionYear, Is.EqualTo(2012), "Acquisition DateTime 20120820…");
            Assert.That(dimensions.AcquisitionQuarter, Is.EqualTo(3));
            Assert.That(dimensions.Sex, Is.Null, "empty Patient's Sex");
            Assert.That(dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Low), "Burned In Annotation NO");
        });
    }

    [Test]
    public void Extract_EnhancedCt_FunctionalGroupsAndLegacyAnatomicCode()
    {
        var dimensions = Extract("pydicom-data/eCT_Supplemental.dcm");

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.SliceThickness, Is.EqualTo(10.0), "from the shared Pixel Measures functional group");
            Assert.That(dimensions.PixelSpacingRow, Is.EqualTo(0.388672).Within(1e-9));
            Assert.That(dimensions.NumberOfFrames, Is.EqualTo(2));
            Assert.That(dimensions.BodyPart, Is.EqualTo(new BodyPart("12738006", "SCT", "Brain", "BRAIN")), "(T-A0100, SNM3, Brain)");
            Assert.That(dimensions.ContrastAgent, Is.True, "Contrast/Bolus Agent Sequence: Iohexol");
            Assert.That(dimensions.Manufacturer, Is.EqualTo("Acme Medical Devices"));
            Assert.That(dimensions.AgeBand, Is.EqualTo("50-54"));
        });
    }

    [TestCase("pydicom-data/US1_UNCR.dcm", "GE", 480, 640)]
    [TestCase("pydicom-data/gdcm-US-ALOKA-16.dcm", "Hitachi", 480, 640)]
    public void Extract_UltrasoundWithoutBurnedInAttribute_RiskPossible(string sample, string manufacturer, int rows, int columns)
    {
        var dimensions = Extract(sample);

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.Modality, Is.EqualTo("US"));
            Assert.That(dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Possible));
            Assert.That(dimensions.Manufacturer, Is.EqualTo(manufacturer));
            Assert.That(dimensions.Rows, Is.EqualTo(rows));
            Assert.That(dimensions.Columns, Is.EqualTo(columns));
        });
    }

    [Test]
    public void Extract_UltrasoundWithBurnedInNo_RiskLow()
    {
        var dimensions = Extract("pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm");

        Assert.That(dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Low));
        Assert.That(dimensions.Manufacturer, Is.EqualTo("Philips"));
        Assert.That(dimensions.TransferSyntaxUid, Is.EqualTo("1.2.840.10008.1.2.4.70"));
    }

    [Test]
    public void Extract_Segmentation_SegDimensionsFromFunctionalGroups()
    {
        var dimensions = Extract("pydicom-data/liver.dcm");

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.Modality, Is.EqualTo("SEG"));
            Assert.That(dimensions.SopClassUid, Is.EqualTo("1.2.840.10008.5.1.4.1.1.66.4"));
            Assert.That(dimensions.NumberOfFrames, Is.EqualTo(3));
            Assert.That(dimensions.Rows, Is.EqualTo(512));
            Assert.That(dimensions.Columns, Is.EqualTo(512));
            Assert.That(dimensions.PixelSpacingRow, Is.EqualTo(0.810547).Within(1e-9));
            Assert.That(dimensions.SliceThickness, Is.EqualTo(1.0));
            Assert.That(dimensions.AgeBand, Is.EqualTo("60-64"));
            Assert.That(dimensions.Manufacturer, Is.EqualTo("Qiicr"), "unknown vendors keep their name in title case");
            Assert.That(dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Low));
        });
    }

    [Test]
    public void Extract_SecondaryCaptureClaimingNm_RiskPossibleBySopClass()
    {
        var dimensions = Extract("pydicom/JPGExtended.dcm");

        Assert.Multiple(() =>
        {
            Assert.That(dimensions.Modality, Is.EqualTo("NM"));
            Assert.That(dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Possible));
            Assert.That(dimensions.BodyPart, Is.EqualTo(new BodyPart("38266002", "SCT", "Entire body", "WHOLE BODY")));
            Assert.That(dimensions.AgeYears, Is.Null, "empty Patient's Age");
        });
    }

    [Test]
    public void Extract_MalformedNumberOfFrames_NullNotGuessed()
    {
        // badVR.dcm carries Number of Frames "1A".
        var dimensions = Extract("pydicom/badVR.dcm");

        Assert.That(dimensions.NumberOfFrames, Is.Null);
    }

    [Test]
    public void Extract_EverySampleThatParses_NoException()
    {
        var samples = Directory.EnumerateFiles(Path.Combine(RepoPaths.RequireShared(), "dicom-samples"), "*.dcm", SearchOption.AllDirectories).ToList();
        var extracted = 0;
        foreach (var path in samples)
        {
            DicomFile file;
            try
            {
                file = DicomFile.Open(path);
            }
            catch (DicomException)
            {
                continue; // The malformed fixtures are the reader's business, not the index's.
            }

            Assert.DoesNotThrow(() => ShippedTables.Extractor.Extract(file.Dataset, file.TransferSyntax.Uid), path);
            extracted++;
        }

        Assert.That(extracted, Is.GreaterThan(40));
    }

    [Test]
    public void CreateEntry_CtSmall_KeysFromTheDataSet()
    {
        var file = DicomFile.Open(RepoPaths.RequireSample("pydicom/CT_small.dcm"));

        var entry = ShippedTables.Extractor.CreateEntry("k1", file.Dataset, file.TransferSyntax.Uid, "/store/a.dcm", "ab", 39206);

        Assert.Multiple(() =>
        {
            Assert.That(entry.InstanceKey, Is.EqualTo("k1"));
            Assert.That(entry.PatientId, Is.EqualTo(file.Dataset.GetString(DicomTags.PatientID)));
            Assert.That(entry.StudyInstanceUid, Is.EqualTo(file.Dataset.GetString(DicomTags.StudyInstanceUID)));
            Assert.That(entry.SeriesInstanceUid, Is.EqualTo(file.Dataset.GetString(DicomTags.SeriesInstanceUID)));
            Assert.That(entry.SopInstanceUid, Is.EqualTo(file.Dataset.GetString(DicomTags.SOPInstanceUID)));
            Assert.That(entry.Size, Is.EqualTo(39206));
            Assert.That(entry.Dimensions.Modality, Is.EqualTo("CT"));
        });
    }
}
