using NodeAgent.Dicom.Dictionary;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Dictionary;

/// <summary>The VR <see cref="DicomDictionary.VRFor"/> gives an element read in Implicit VR.</summary>
[TestFixture]
public sealed class ImplicitVRTests
{
    [TestCase((ushort)0x0010, (ushort)0x0010, "PN")]
    [TestCase((ushort)0x0008, (ushort)0x0005, "CS")]
    [TestCase((ushort)0x0040, (ushort)0xA730, "SQ")]
    [TestCase((ushort)0x0010, (ushort)0x0041, "SQ")]
    [TestCase((ushort)0x0009, (ushort)0x0000, "UL")]
    [TestCase((ushort)0x0019, (ushort)0x0010, "LO")]
    public void VRFor_StandardElement_IsTheDictionaryVR(ushort group, ushort element, string vr)
    {
        Assert.That(DicomDictionary.VRFor(new DicomTag(group, element)), Is.SameAs(DicomVR.Parse(vr)));
    }

    [TestCase((ushort)0x7FE0, (ushort)0x0010)]
    [TestCase((ushort)0x6000, (ushort)0x3000)]
    [TestCase((ushort)0x6002, (ushort)0x3000)]
    [TestCase((ushort)0x5400, (ushort)0x1010)]
    public void VRFor_ElementThatImplicitVRRequiresAsOW_IsOW(ushort group, ushort element)
    {
        // PS3.5 Annex A.1: Pixel Data, Overlay Data and Waveform Data are OW in Implicit VR Little Endian.
        Assert.That(DicomDictionary.VRFor(new DicomTag(group, element)), Is.SameAs(DicomVR.OW));
    }

    [Test]
    public void VRFor_OtherOBOrOWElement_IsTheFirstAlternative()
    {
        Assert.That(DicomDictionary.VRFor(new DicomTag(0x5400, 0x100A)), Is.SameAs(DicomVR.OB));
    }

    [TestCase((ushort)0x0028, (ushort)0x0106)]
    [TestCase((ushort)0x0028, (ushort)0x3002)]
    [TestCase((ushort)0x0028, (ushort)0x3006)]
    [TestCase((ushort)0x0028, (ushort)0x1200)]
    public void VRFor_UnsignedOrSignedAlternatives_IsUS(ushort group, ushort element)
    {
        Assert.That(DicomDictionary.VRFor(new DicomTag(group, element)), Is.SameAs(DicomVR.US));
    }

    [Test]
    public void VRFor_PrivateElementWithKnownCreator_IsThePrivateDictionaryVR()
    {
        Assert.That(DicomDictionary.VRFor(new DicomTag(0x0019, 0x1002), "GEMS_ACQU_01"), Is.SameAs(DicomVR.SL));
    }

    [TestCase(null)]
    [TestCase("NO SUCH CREATOR")]
    public void VRFor_PrivateElementWithoutAKnownCreator_IsUN(string? creator)
    {
        Assert.That(DicomDictionary.VRFor(new DicomTag(0x0019, 0x1002), creator), Is.SameAs(DicomVR.UN));
    }

    [TestCase((ushort)0x0008, (ushort)0x0003)]
    [TestCase((ushort)0x6001, (ushort)0x3000)]
    [TestCase((ushort)0xFFFE, (ushort)0xE000)]
    public void VRFor_UnknownTagOrItem_IsUN(ushort group, ushort element)
    {
        Assert.That(DicomDictionary.VRFor(new DicomTag(group, element)), Is.SameAs(DicomVR.UN));
    }
}
