using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Clean Descriptors: identifying tokens, dates and identifiers go; vocabulary stays.</summary>
[TestFixture]
public sealed class DescriptorCleanerTests
{
    private static DescriptorCleaner Cleaner()
    {
        var dataset = new DicomDataset()
            .AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Smith-Jones^Anna Maria^B")
            .AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "MRN-0042")
            .AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "A1B2")
            .AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "Springfield General Hospital")
            .AddOrUpdate(DicomTags.ReferringPhysicianName, DicomVR.PN, "House^Gregory^^Dr")
            .AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        return new DescriptorCleaner(IdentifyingValues.Collect(dataset));
    }

    [TestCase("CT CHEST W CONTRAST", "CT CHEST W CONTRAST")]
    [TestCase("MR brain smith-jones", "MR brain")]
    [TestCase("Knee ANNA right", "Knee right")]
    [TestCase("MR Brain (Smith, 2024-01-01)", "MR Brain")]
    [TestCase("Follow-up 01/02/2024 Dr House", "Follow-up Dr")]
    [TestCase("scan 01.02.2024 and 20240102", "scan and")]
    [TestCase("acc A1B2 mrn MRN-0042", "acc mrn")]
    [TestCase("Patient 1234567 seen", "Patient seen")]
    [TestCase("ID AB12345X", "ID")]
    [TestCase("t1_mprage_sag 3D 0.625mm 120kV", "t1_mprage_sag 3D 0.625mm 120kV")]
    [TestCase("Chest Springfield General Hospital protocol", "Chest protocol")]
    [TestCase("Smith", "")]
    [TestCase("dob 1-Jan-1970", "dob")]
    [TestCase("ISOVUE300/100 IV", "ISOVUE300/100 IV")]
    [TestCase("ref 12-34-56", "ref")]
    public void Clean_Descriptor_RemovesIdentifyingTokens(string text, string expected)
    {
        Assert.That(Cleaner().Clean(text), Is.EqualTo(expected));
    }

    [TestCase("20240101", true)]
    [TestCase("2024-01-01", true)]
    [TestCase("01/01/2024", true)]
    [TestCase("01.01.2024", true)]
    [TestCase("1.1.24", true)]
    [TestCase("Jan-2024", true)]
    [TestCase("T1", false)]
    [TestCase("2024", false)]
    [TestCase("1.5", false)]
    public void IsDateShaped_Token_Recognised(string token, bool expected)
    {
        Assert.That(DescriptorCleaner.IsDateShaped(token), Is.EqualTo(expected));
    }

    [TestCase("123456", true)]
    [TestCase("AB123", true)]
    [TestCase("X7Y8Z", true)]
    [TestCase("12345", false)]
    [TestCase("T1W", false)]
    [TestCase("625mm", false)]
    [TestCase("FLAIR", false)]
    [TestCase("ISOVUE300", false)]
    [TestCase("b1000", true)]
    public void IsIdentifierShaped_Part_Recognised(string part, bool expected)
    {
        Assert.That(DescriptorCleaner.IsIdentifierShaped(part), Is.EqualTo(expected));
    }
}
