using NodeAgent.Dicom.Dictionary;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Dictionary;

/// <summary>Lookups in the generated PS3.6 dictionary: exact entries, repeating groups and the generic rules.</summary>
[TestFixture]
public sealed class DicomDictionaryTests
{
    [Test]
    public void Find_PatientName_IsPersonNameWithVM1()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0010, 0x0010));

        Assert.That(entry, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(entry!.Tag, Is.EqualTo(new DicomTag(0x0010, 0x0010)));
            Assert.That(entry.MaskBits, Is.EqualTo(0xFFFFFFFFu));
            Assert.That(entry.ValueRepresentations, Is.EqualTo(new[] { DicomVR.PN }));
            Assert.That(entry.DefaultVR, Is.SameAs(DicomVR.PN));
            Assert.That(entry.ValueMultiplicity, Is.EqualTo("1"));
            Assert.That(entry.Keyword, Is.EqualTo("PatientName"));
            Assert.That(entry.Name, Is.EqualTo("Patient's Name"));
            Assert.That(entry.IsRetired, Is.False);
            Assert.That(entry.IsRepeating, Is.False);
        });
    }

    [Test]
    public void Find_PixelData_HasOBOrOWAlternatives()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x7FE0, 0x0010));

        Assert.That(entry, Is.Not.Null);
        Assert.That(entry!.Keyword, Is.EqualTo("PixelData"));
        Assert.That(entry.ValueRepresentations, Is.EqualTo(new[] { DicomVR.OB, DicomVR.OW }));
        Assert.That(entry.DefaultVR, Is.SameAs(DicomVR.OB));
    }

    [Test]
    public void Find_SpecificCharacterSet_IsCodeStringOneToN()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0008, 0x0005));

        Assert.That(entry?.Keyword, Is.EqualTo("SpecificCharacterSet"));
        Assert.That(entry!.ValueRepresentations, Is.EqualTo(new[] { DicomVR.CS }));
        Assert.That(entry.ValueMultiplicity, Is.EqualTo("1-n"));
    }

    [Test]
    public void Find_ContentSequence_IsSequence()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0040, 0xA730));

        Assert.That(entry?.Keyword, Is.EqualTo("ContentSequence"));
        Assert.That(entry!.DefaultVR, Is.SameAs(DicomVR.SQ));
    }

    [TestCase((ushort)0x0010, (ushort)0x0041, "GenderIdentitySequence", "SQ")]
    [TestCase((ushort)0x0040, (ushort)0xB034, "AnnotationDateTime", "DT")]
    [TestCase((ushort)0x0006, (ushort)0x0001, "CurrentFrameFunctionalGroupsSequence", "SQ")]
    public void Find_ElementNewIn2026b_IsKnown(ushort group, ushort element, string keyword, string vr)
    {
        var entry = DicomDictionary.Find(new DicomTag(group, element));

        Assert.That(entry?.Keyword, Is.EqualTo(keyword));
        Assert.That(entry!.DefaultVR, Is.SameAs(DicomVR.Parse(vr)));
    }

    [Test]
    public void Find_ItemTag_HasNoVR()
    {
        var entry = DicomDictionary.Find(DicomTag.Item);

        Assert.That(entry?.Keyword, Is.EqualTo("Item"));
        Assert.That(entry!.ValueRepresentations, Is.Empty);
        Assert.That(entry.DefaultVR, Is.SameAs(DicomVR.UN));
    }

    [TestCase((ushort)0x6000)]
    [TestCase((ushort)0x6002)]
    [TestCase((ushort)0x601E)]
    public void Find_OverlayDataInAnOverlayGroup_IsTheRepeatingEntry(ushort group)
    {
        var entry = DicomDictionary.Find(new DicomTag(group, 0x3000));

        Assert.That(entry?.Keyword, Is.EqualTo("OverlayData"));
        Assert.Multiple(() =>
        {
            Assert.That(entry!.Tag, Is.EqualTo(new DicomTag(0x6000, 0x3000)));
            Assert.That(entry.MaskBits, Is.EqualTo(0xFF00FFFFu));
            Assert.That(entry.IsRepeating, Is.True);
            Assert.That(entry.Matches(new DicomTag(group, 0x3000)), Is.True);
            Assert.That(entry.ValueRepresentations, Is.EqualTo(new[] { DicomVR.OB, DicomVR.OW }));
        });
    }

    [Test]
    public void Find_OddGroupShapedLikeOverlayData_IsNotOverlayData()
    {
        // (6001,3000) is a private data element: repeating groups are even (PS3.5 §7.6).
        Assert.That(DicomDictionary.Find(new DicomTag(0x6001, 0x3000)), Is.Null);
    }

    [TestCase((ushort)0x5010, (ushort)0x3000, "CurveData")]
    [TestCase((ushort)0x5000, (ushort)0x0005, "CurveDimensions")]
    [TestCase((ushort)0x7F02, (ushort)0x0010, "VariablePixelData")]
    [TestCase((ushort)0x1000, (ushort)0x0121, "RunLengthTriplet")]
    [TestCase((ushort)0x1010, (ushort)0x1234, "ZonalMap")]
    [TestCase((ushort)0x0028, (ushort)0x0820, "CodeLabel")]
    public void Find_RetiredRepeatingGroupElement_IsTheRepeatingEntry(ushort group, ushort element, string keyword)
    {
        var entry = DicomDictionary.Find(new DicomTag(group, element));

        Assert.That(entry?.Keyword, Is.EqualTo(keyword));
        Assert.That(entry!.IsRepeating, Is.True);
        Assert.That(entry.IsRetired, Is.True);
    }

    [TestCase((ushort)0x0008)]
    [TestCase((ushort)0x0009)]
    [TestCase((ushort)0x0028)]
    [TestCase((ushort)0x7FE0)]
    public void Find_AnyGroupLength_IsUnsignedLongGroupLength(ushort group)
    {
        var entry = DicomDictionary.Find(new DicomTag(group, 0x0000));

        Assert.That(entry?.Keyword, Is.EqualTo("GroupLength"));
        Assert.That(entry!.ValueRepresentations, Is.EqualTo(new[] { DicomVR.UL }));
        Assert.That(entry.ValueMultiplicity, Is.EqualTo("1"));
        Assert.That(entry.Matches(new DicomTag(group, 0x0000)), Is.True);
    }

    [Test]
    public void Find_FileMetaGroupLength_IsTheExactEntry()
    {
        Assert.That(DicomDictionary.Find(new DicomTag(0x0002, 0x0000))?.Keyword, Is.EqualTo("FileMetaInformationGroupLength"));
    }

    [TestCase((ushort)0x0019, (ushort)0x0010)]
    [TestCase((ushort)0x0029, (ushort)0x00FF)]
    public void Find_PrivateCreator_IsLongString(ushort group, ushort element)
    {
        var tag = new DicomTag(group, element);

        var entry = DicomDictionary.Find(tag);

        Assert.That(entry?.Keyword, Is.EqualTo("PrivateCreator"));
        Assert.That(entry!.Tag, Is.EqualTo(tag));
        Assert.That(entry.ValueRepresentations, Is.EqualTo(new[] { DicomVR.LO }));
    }

    [TestCase((ushort)0x0008, (ushort)0x0003)]
    [TestCase((ushort)0x0019, (ushort)0x1002)]
    [TestCase((ushort)0x0019, (ushort)0x0005)]
    public void Find_TagNotInTheDictionary_ReturnsNull(ushort group, ushort element)
    {
        Assert.That(DicomDictionary.Find(new DicomTag(group, element)), Is.Null);
    }

    [Test]
    public void Find_Keyword_ReturnsItsEntry()
    {
        Assert.That(DicomDictionary.Find("PatientName")?.Tag, Is.EqualTo(new DicomTag(0x0010, 0x0010)));
        Assert.That(DicomDictionary.Find("OverlayData")?.Tag, Is.EqualTo(new DicomTag(0x6000, 0x3000)));
    }

    [Test]
    public void Find_KeywordOfBothAnElementAndARepeatingGroup_ReturnsTheElement()
    {
        // DICOM 2026b lists (0028,0410) as well as the retired repeating (0028,04x0).
        var entry = DicomDictionary.Find("RowsForNthOrderCoefficients");

        Assert.That(entry?.Tag, Is.EqualTo(new DicomTag(0x0028, 0x0410)));
        Assert.That(entry!.IsRepeating, Is.False);
    }

    [TestCase("patientname")]
    [TestCase("")]
    [TestCase("NoSuchKeyword")]
    public void Find_UnknownKeyword_ReturnsNull(string keyword)
    {
        Assert.That(DicomDictionary.Find(keyword), Is.Null);
    }

    [Test]
    public void Find_NullKeyword_Throws()
    {
        Assert.That(() => DicomDictionary.Find((string)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Entries_EveryKeywordedElement_IsFoundByTagAndKeyword()
    {
        foreach (var entry in DicomDictionary.Entries.Where(e => !e.IsRepeating))
        {
            Assert.That(DicomDictionary.Find(entry.Tag), Is.SameAs(entry), $"{entry.Tag}");
            if (entry.Keyword.Length > 0)
            {
                Assert.That(DicomDictionary.Find(entry.Keyword), Is.SameAs(entry), entry.Keyword);
            }
        }
    }

    [Test]
    public void Entries_InTagOrder_AndCountAsGenerated()
    {
        var tags = DicomDictionary.Entries.Select(e => e.Tag).ToList();

        Assert.That(tags, Is.Ordered);
        Assert.That(DicomDictionary.Count, Is.GreaterThan(5000));
    }
}
