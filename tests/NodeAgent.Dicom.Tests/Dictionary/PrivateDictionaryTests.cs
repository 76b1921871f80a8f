using NodeAgent.Dicom.Dictionary;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Dictionary;

/// <summary>Private elements resolved by their creator, as CT_small.dcm's GE elements are.</summary>
[TestFixture]
public sealed class PrivateDictionaryTests
{
    private const string GeAcquisition = "GEMS_ACQU_01";

    [TestCase((ushort)0x1002)]
    [TestCase((ushort)0x1102)]
    [TestCase((ushort)0xFF02)]
    public void FindPrivate_KnownCreatorInAnyBlock_ReturnsTheElement(ushort element)
    {
        // CT_small.dcm: (0019,0010) = GEMS_ACQU_01, (0019,1002) SL Detector Channel. The block may move (PS3.5 §7.8.1).
        var entry = DicomDictionary.FindPrivate(new DicomTag(0x0019, element), GeAcquisition);

        Assert.That(entry, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(entry!.ValueRepresentations, Is.EqualTo(new[] { DicomVR.SL }));
            Assert.That(entry.Name, Is.EqualTo("Detector Channel"));
            Assert.That(entry.Keyword, Is.Empty);
            Assert.That(entry.Tag, Is.EqualTo(new DicomTag(0x0019, 0x0002)));
            Assert.That(entry.MaskBits, Is.EqualTo(0xFFFF00FFu));
            Assert.That(entry.Matches(new DicomTag(0x0019, element)), Is.True);
        });
    }

    [TestCase("GEMS_ACQU_01 ")]
    [TestCase(" GEMS_ACQU_01\0")]
    [TestCase("gems_acqu_01")]
    public void FindPrivate_CreatorWithPaddingOrOtherCase_ReturnsTheElement(string creator)
    {
        var entry = DicomDictionary.FindPrivate(new DicomTag(0x0019, 0x100F), creator);

        Assert.That(entry?.DefaultVR, Is.SameAs(DicomVR.DS));
        Assert.That(entry!.Name, Is.EqualTo("Horiz. Frame of ref."));
    }

    [Test]
    public void FindPrivate_CreatorWithBlockSpecificDefinitions_UsesTheBlocksDictionary()
    {
        // GDCM names the definitions of a block-dependent creator "creator^xx": (0019,xx01) of the
        // "PMTF INFORMATION DATA" block reserved at (0019,0011) is OB.
        var entry = DicomDictionary.FindPrivate(new DicomTag(0x0019, 0x1101), "PMTF INFORMATION DATA");

        Assert.That(entry?.DefaultVR, Is.SameAs(DicomVR.OB));
    }

    [TestCase((ushort)0x0019, (ushort)0x10FF, GeAcquisition)]
    [TestCase((ushort)0x0019, (ushort)0x1002, "NO SUCH CREATOR")]
    [TestCase((ushort)0x0019, (ushort)0x1002, "")]
    [TestCase((ushort)0x0019, (ushort)0x0010, GeAcquisition)]
    [TestCase((ushort)0x0018, (ushort)0x1002, GeAcquisition)]
    public void FindPrivate_UnknownOrNotAPrivateDataElement_ReturnsNull(ushort group, ushort element, string creator)
    {
        Assert.That(DicomDictionary.FindPrivate(new DicomTag(group, element), creator), Is.Null);
    }

    [Test]
    public void FindPrivate_NullCreator_Throws()
    {
        Assert.That(() => DicomDictionary.FindPrivate(new DicomTag(0x0019, 0x1002), null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Count_GdcmDictionary_HoldsTenThousandElements()
    {
        Assert.That(PrivateDictionary.Count, Is.GreaterThan(10_000));
    }
}
