using System.Text;
using NodeAgent.Dicom.Text;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Text;

/// <summary>Term resolution, single-byte sets and the multi-byte sets without code extensions.</summary>
[TestFixture]
public sealed class DicomCharacterSetTests
{
    [Test]
    public void FromTerms_NoValues_ReturnsDefault()
    {
        Assert.That(DicomCharacterSet.FromTerms([]), Is.SameAs(DicomCharacterSet.Default));
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("\0")]
    [TestCase("ISO 2022 IR 6")]
    [TestCase("ISO_IR 6")]
    public void FromTerms_EmptyOrIr6_ReadsAsDefault(string term)
    {
        var set = DicomCharacterSet.FromTerms([term]);

        Assert.That(set.Name, Is.EqualTo(DicomCharacterSet.Default.Name));
        Assert.That(set.UsesCodeExtensions, Is.False);
        Assert.That(set.HasUnknownTerms, Is.False);
    }

    [Test]
    public void FromTerms_Utf8Term_ReturnsUtf8Instance()
    {
        var set = DicomCharacterSet.FromTerms(["ISO_IR 192"]);

        Assert.That(set, Is.SameAs(DicomCharacterSet.Utf8));
        Assert.That(set.IsUnicode, Is.True);
    }

    [Test]
    public void FromTerms_SameTermsTwice_ReturnsCachedInstance()
    {
        var first = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 149"]);
        var second = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 149 "]);

        Assert.That(second, Is.SameAs(first));
        Assert.That(first.Terms, Is.EqualTo(new[] { "", "ISO 2022 IR 149" }));
    }

    [TestCase("ISO-IR 100", "ISO_IR 100")]
    [TestCase("ISO_IR100", "ISO_IR 100")]
    [TestCase("iso_ir 100", "ISO_IR 100")]
    [TestCase("ISO_IR 100\0", "ISO_IR 100")]
    [TestCase("ISO-8859-1", "ISO_IR 100")]
    [TestCase("ISO IR 192", "ISO_IR 192")]
    [TestCase("UTF-8", "ISO_IR 192")]
    [TestCase("utf8", "ISO_IR 192")]
    [TestCase("ISO IR 144", "ISO_IR 144")]
    [TestCase("ISO2022 IR 100", "ISO 2022 IR 100")]
    [TestCase("gb18030", "GB18030")]
    [TestCase("GB2312", "GBK")]
    public void FromTerms_CommonMisspelling_ResolvesToDefinedTerm(string term, string expected)
    {
        var set = DicomCharacterSet.FromTerms([term]);

        Assert.That(set.Name, Is.EqualTo(expected));
        Assert.That(set.HasUnknownTerms, Is.False);
    }

    [Test]
    public void FromTerms_UnknownTerm_FallsBackToLatin1TolerantDefaultAndFlags()
    {
        var set = DicomCharacterSet.FromTerms(["ISO_IR 999"]);

        Assert.That(set.HasUnknownTerms, Is.True);
        Assert.That(set.Decode(Encoding.Latin1.GetBytes("Buc^Jérôme"), DicomVR.PN), Is.EqualTo("Buc^Jérôme"));
    }

    [Test]
    public void FromTerms_NoTerms_DefaultHasNoUnknownTerms()
    {
        Assert.That(DicomCharacterSet.Default.HasUnknownTerms, Is.False);
        Assert.That(DicomCharacterSet.Default.Decode([0x41, 0xE9], DicomVR.LO), Is.EqualTo("Aé"));
    }

    [TestCase("ISO_IR 100", "Jérôme Müller", "4ae972f46d65204dfc6c6c6572")]
    [TestCase("ISO_IR 101", "Łódź Żółć", "a3f364bc20aff3b3e6")]
    [TestCase("ISO_IR 109", "Ġużeppi Ħal", "d575bf6570706920a1616c")]
    [TestCase("ISO_IR 110", "Ķēniņš Ģirts", "d3ba6e69f1b920ab69727473")]
    [TestCase("ISO_IR 126", "Διονύσιος", "c4e9efedfdf3e9eff2")]
    [TestCase("ISO_IR 127", "قباني", "e2c8c7e6ea")]
    [TestCase("ISO_IR 138", "שרון", "f9f8e5ef")]
    [TestCase("ISO_IR 144", "Люксембург", "bbeedae1d5dcd1e3e0d3")]
    [TestCase("ISO_IR 148", "Şükrü Iğdır", "defc6b72fc2049f064fd72")]
    [TestCase("ISO_IR 166", "สมชาย", "cac1aad2c2")]
    [TestCase("ISO_IR 203", "Œuvre €", "bc7576726520a4")]
    [TestCase("ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", "d4cfc0de5ec0dbb3")]
    public void Encode_SingleByteSet_ProducesIsoBytesAndDecodesBack(string term, string text, string hex)
    {
        var set = DicomCharacterSet.FromTerms([term]);

        var encoded = set.Encode(text, DicomVR.PN);

        Assert.That(Convert.ToHexStringLower(encoded), Is.EqualTo(hex));
        Assert.That(set.Decode(encoded, DicomVR.PN), Is.EqualTo(text));
    }

    [TestCase("ISO_IR 166", (byte)0xDB)]
    [TestCase("ISO_IR 13", (byte)0x80)]
    [TestCase("ISO_IR 13", (byte)0xE0)]
    [TestCase("ISO_IR 138", (byte)0xBF)]
    public void Decode_UnassignedSingleByte_ReplacementCharacter(string term, byte value)
    {
        var decoded = DicomCharacterSet.FromTerms([term]).Decode([0x41, value, 0x42], DicomVR.LO);

        Assert.That(decoded, Is.EqualTo("A\uFFFDB"));
    }

    // Code pages 28597 and 28598 differ from ISO 8859-7/-8 here; the tables correct them.
    [TestCase("ISO_IR 126", (byte)0xA1, '\u2018')]
    [TestCase("ISO_IR 126", (byte)0xA4, '\u20AC')]
    [TestCase("ISO_IR 138", (byte)0xAF, '\u00AF')]
    [TestCase("ISO_IR 138", (byte)0xFD, '\u200E')]
    [TestCase("ISO 2022 IR 126", (byte)0xA2, '\u2019')]
    public void Decode_ByteWhereWindowsCodePageDiffersFromIso8859_IsoCharacter(string term, byte value, char expected)
    {
        Assert.That(DicomCharacterSet.FromTerms([term]).Decode([value], DicomVR.LO), Is.EqualTo(expected.ToString()));
    }

    [Test]
    public void Encode_CharacterOutsideSet_ThrowsWithoutQuotingText()
    {
        var set = DicomCharacterSet.FromTerms(["ISO_IR 100"]);

        var error = Assert.Throws<ArgumentException>(() => set.Encode("Yamada^山田", DicomVR.PN));

        Assert.That(error!.Message, Does.Contain("U+5C71").And.Contain("index 7").And.Not.Contain("Yamada"));
    }

    [Test]
    public void Encode_DefaultRepertoireNonAscii_Throws()
    {
        Assert.Throws<ArgumentException>(() => DicomCharacterSet.Default.Encode("Jérôme", DicomVR.PN));
    }

    [Test]
    public void Encode_NonCharacterSetDependentVrNonAscii_Throws()
    {
        Assert.Throws<ArgumentException>(() => DicomCharacterSet.Utf8.Encode("ÉTUDE", DicomVR.CS));
    }

    [Test]
    public void Decode_NonCharacterSetDependentVr_ReadsLatin1Regardless()
    {
        var set = DicomCharacterSet.FromTerms(["ISO_IR 144"]);

        Assert.That(set.Decode([0x41, 0xE9], DicomVR.CS), Is.EqualTo("Aé"));
        Assert.That(set.Decode([0x41, 0xE9], DicomVR.LO), Is.EqualTo("Aщ"));
    }

    [Test]
    public void Encode_Utf8_ProducesUtf8BytesAndDecodesBack()
    {
        const string name = "Wang^XiaoDong=王^小東=😀";

        var encoded = DicomCharacterSet.Utf8.Encode(name, DicomVR.PN);

        Assert.That(encoded, Is.EqualTo(Encoding.UTF8.GetBytes(name)));
        Assert.That(DicomCharacterSet.Utf8.Decode(encoded, DicomVR.PN), Is.EqualTo(name));
    }

    [Test]
    public void Encode_Utf8LoneSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => DicomCharacterSet.Utf8.Encode("A\uD800B", DicomVR.LO));
    }

    [Test]
    public void Decode_Utf8MalformedBytes_ReplacementCharacter()
    {
        var decoded = DicomCharacterSet.Utf8.Decode([0x41, 0xC3, 0x28, 0xFF], DicomVR.LT);

        Assert.That(decoded, Is.EqualTo("A\uFFFD(\uFFFD"));
    }

    [Test]
    public void Encode_Gb18030_RoundTripsCharactersOutsideGbk()
    {
        var set = DicomCharacterSet.FromTerms(["GB18030"]);

        var encoded = set.Encode("王^小东=😀\u0080", DicomVR.PN);

        Assert.That(Convert.ToHexStringLower(encoded), Is.EqualTo("cdf55ed0a1b6ab3d9439fc3681308130"));
        Assert.That(set.Decode(encoded, DicomVR.PN), Is.EqualTo("王^小东=😀\u0080"));
        Assert.That(set.IsUnicode, Is.True);
    }

    [Test]
    public void Decode_Gbk_ReadsSimplifiedChinese()
    {
        var set = DicomCharacterSet.FromTerms(["GBK"]);

        Assert.That(set.Decode([0xCD, 0xF5, 0x5E, 0xD0, 0xA1, 0xB6, 0xAB], DicomVR.PN), Is.EqualTo("王^小东"));
        Assert.That(set.IsUnicode, Is.False);
    }

    [Test]
    public void FromTerms_Utf8WithFurtherValues_KeepsUtf8AndFlags()
    {
        var set = DicomCharacterSet.FromTerms(["ISO_IR 192", "ISO 2022 IR 87"]);

        Assert.That(set.IsUnicode, Is.True);
        Assert.That(set.UsesCodeExtensions, Is.False);
        Assert.That(set.HasUnknownTerms, Is.True);
    }
}
