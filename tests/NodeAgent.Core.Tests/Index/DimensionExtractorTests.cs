using NodeAgent.Core.Index;
using NodeAgent.Dicom;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Index;

/// <summary>Dimension rules on small built data sets, one rule at a time.</summary>
[TestFixture]
public sealed class DimensionExtractorTests
{
    private const string ExplicitLittle = "1.2.840.10008.1.2.1";

    private static InstanceDimensions Extract(DicomDataset dataset) => ShippedTables.Extractor.Extract(dataset, ExplicitLittle);

    private static DicomDataset Image(string modality = "CT") => new DicomDataset()
        .AddOrUpdate(DicomTags.Modality, DicomVR.CS, modality)
        .AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
        .AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 256)
        .AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 256);

    private static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, value)
        .AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme)
        .AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, meaning);

    [TestCase("045Y", 45, "45-49")]
    [TestCase("006M", 0, "0-4")]
    [TestCase("010W", 0, "0-4")]
    [TestCase("003D", 0, "0-4")]
    [TestCase("089Y", 89, "85-89")]
    [TestCase("090Y", 90, "90+")]
    [TestCase("104Y", 104, "90+")]
    public void Extract_PatientAge_YearsAndBand(string age, int years, string band)
    {
        var dimensions = Extract(Image().AddOrUpdate(DicomTags.PatientAge, DicomVR.AS, age));

        Assert.That(dimensions.AgeYears, Is.EqualTo(years));
        Assert.That(dimensions.AgeBand, Is.EqualTo(band));
    }

    [Test]
    public void Extract_AnatomicRegionSctCode_MappedByCodeOverFreeText()
    {
        var dataset = Image()
            .AddOrUpdate(DicomTags.BodyPartExamined, DicomVR.CS, "CHEST")
            .AddOrUpdate(new DicomSequence(DicomTags.AnatomicRegionSequence, Code("10200004", "SCT", "Liver")));

        var dimensions = Extract(dataset);

        Assert.That(dimensions.BodyPart, Is.EqualTo(new BodyPart("10200004", "SCT", "Liver", "CHEST")));
    }

    [Test]
    public void Extract_AnatomicRegionInactivatedSctCode_MappedToCurrentCode()
    {
        // (51185008, SCT, "Chest") was the CID 4031 code of PS3.16 2019.
        var dataset = Image().AddOrUpdate(new DicomSequence(DicomTags.AnatomicRegionSequence, Code("51185008", "SCT", "Chest")));

        var dimensions = Extract(dataset);

        Assert.That(dimensions.BodyPart, Is.EqualTo(new BodyPart("43799004", "SCT", "Chest", "CHEST")));
    }

    [Test]
    public void Extract_AnatomicRegionLocalCode_MappedByMeaning()
    {
        var dataset = Image().AddOrUpdate(new DicomSequence(DicomTags.AnatomicRegionSequence, Code("K-17", "99HOSP", "Knee")));

        var dimensions = Extract(dataset);

        Assert.That(dimensions.BodyPart.Code, Is.EqualTo("72696002"));
    }

    [Test]
    public void Extract_UnknownFreeText_UnknownWithNormalisedText()
    {
        var dimensions = Extract(Image().AddOrUpdate(DicomTags.BodyPartExamined, DicomVR.CS, " left  elbow-ish "));

        Assert.That(dimensions.BodyPart, Is.EqualTo(new BodyPart(BodyPart.UnknownCode, null, null, "LEFT ELBOW-ISH")));
        Assert.That(dimensions.BodyPart.IsKnown, Is.False);
    }

    [TestCase("YES", "CT", BurnedInAnnotationRisk.High)]
    [TestCase("NO", "US", BurnedInAnnotationRisk.Low)]
    [TestCase(null, "US", BurnedInAnnotationRisk.Possible)]
    [TestCase(null, "XC", BurnedInAnnotationRisk.Possible)]
    [TestCase(null, "DX", BurnedInAnnotationRisk.Possible)]
    [TestCase(null, "CT", BurnedInAnnotationRisk.Low)]
    [TestCase(null, "MR", BurnedInAnnotationRisk.Low)]
    public void Extract_BurnedInAnnotation_Risk(string? attribute, string modality, BurnedInAnnotationRisk expected)
    {
        var dataset = Image(modality);
        if (attribute is not null)
        {
            dataset.AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, attribute);
        }

        Assert.That(Extract(dataset).BurnedInAnnotationRisk, Is.EqualTo(expected));
    }

    [Test]
    public void Extract_VisibleLightPhotographWithoutAttribute_RiskPossible()
    {
        var dataset = Image("OT").AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.77.1.4");
        dataset.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "MR");

        Assert.That(Extract(dataset).BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Possible));
    }

    [TestCase("Omnipaque 350", true)]
    [TestCase("NONE", false)]
    [TestCase("no contrast", false)]
    [TestCase("", false)]
    public void Extract_ContrastBolusAgentText_Present(string agent, bool expected)
    {
        var dimensions = Extract(Image().AddOrUpdate(DicomTags.ContrastBolusAgent, DicomVR.LO, agent));

        Assert.That(dimensions.ContrastAgent, Is.EqualTo(expected));
    }

    [Test]
    public void Extract_ImagerPixelSpacingOnly_UsedForSpacing()
    {
        var dataset = Image("DX").AddOrUpdate(DicomTags.ImagerPixelSpacing, DicomVR.DS, "0.139", "0.14");

        var dimensions = Extract(dataset);

        Assert.That(dimensions.PixelSpacingRow, Is.EqualTo(0.139));
        Assert.That(dimensions.PixelSpacingColumn, Is.EqualTo(0.14));
    }

    [Test]
    public void Extract_MalformedSliceThicknessAndDate_Null()
    {
        var dataset = Image()
            .AddOrUpdate(DicomTags.SliceThickness, DicomVR.DS, "thin")
            .AddOrUpdate(DicomTags.AcquisitionDate, DicomVR.DA, "2024-13-45");

        var dimensions = Extract(dataset);

        Assert.That(dimensions.SliceThickness, Is.Null);
        Assert.That(dimensions.AcquisitionYear, Is.Null);
    }

    [Test]
    public void Extract_NonImageObject_NoFrames()
    {
        var dataset = new DicomDataset().AddOrUpdate(DicomTags.Modality, DicomVR.CS, "SR");

        Assert.That(Extract(dataset).NumberOfFrames, Is.Null);
    }

    [TestCase("F", "F")]
    [TestCase("m", "M")]
    [TestCase("X", null)]
    public void Extract_PatientSex_OnlyDefinedTerms(string sex, string? expected)
    {
        Assert.That(Extract(Image().AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, sex)).Sex, Is.EqualTo(expected));
    }

    [Test]
    public void CreateEntry_NoSeriesInstanceUid_Throws()
    {
        var dataset = Image()
            .AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "2.25.1")
            .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.3");

        var error = Assert.Throws<ArgumentException>(() =>
            ShippedTables.Extractor.CreateEntry("k", dataset, ExplicitLittle, "/store/x.dcm", "ab", 10));
        Assert.That(error!.Message, Does.Contain("Series Instance UID"));
    }
}
