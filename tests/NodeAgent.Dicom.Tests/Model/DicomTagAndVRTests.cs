using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Model;

[TestFixture]
public sealed class DicomTagAndVRTests
{
    [Test]
    public void All_ThirtyFourVRs_IncludingVeryLongOnes()
    {
        Assert.That(DicomVR.All, Has.Count.EqualTo(34));
        Assert.That(DicomVR.All.Select(vr => vr.Code), Is.SupersetOf(new[] { "OV", "SV", "UV", "UC", "UR" }));
    }

    [TestCase("OB", true)]
    [TestCase("SV", true)]
    [TestCase("UC", true)]
    [TestCase("UR", true)]
    [TestCase("PN", false)]
    [TestCase("US", false)]
    public void HasLongLength_PerPS35Table71_1(string code, bool longLength) =>
        Assert.That(DicomVR.Parse(code).HasLongLength, Is.EqualTo(longLength));

    [Test]
    public void Parse_Unknown_ThrowsFormat() => Assert.Throws<FormatException>(() => DicomVR.Parse("ZZ"));

    [TestCase("(0010,0010)")]
    [TestCase("0010,0010")]
    [TestCase("00100010")]
    public void Parse_Notations_SameTag(string text) => Assert.That(DicomTag.Parse(text), Is.EqualTo(new DicomTag(0x0010, 0x0010)));

    [Test]
    public void PrivateCreatorTag_PrivateElement_NamesItsBlock()
    {
        Assert.That(new DicomTag(0x0019, 0x1023).PrivateCreatorTag, Is.EqualTo(new DicomTag(0x0019, 0x0010)));
        Assert.That(new DicomTag(0x0019, 0x0010).IsPrivateCreator, Is.True);
        Assert.That(new DicomTag(0x0010, 0x0010).PrivateCreatorTag, Is.Null);
        Assert.That(new DicomTag(0x0001, 0x0010).IsPrivate, Is.False, "groups 0001-0007 are not private (PS3.5 §7.8.1)");
    }
}
