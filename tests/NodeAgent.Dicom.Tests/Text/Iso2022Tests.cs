using System.Text;
using NodeAgent.Dicom.Text;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Text;

/// <summary>
/// ISO 2022 code extensions (PS3.5 §6.1.2.5): escape sequences, the return to value 1's designations at
/// delimiters, and the sets the pydicom samples do not cover (JIS X 0212, GB 2312, single-byte G1 switching).
/// Byte strings are written as Latin-1 text, "\u001b" being ESC.
/// </summary>
[TestFixture]
public sealed class Iso2022Tests
{
    private static readonly DicomCharacterSet Korean = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 149"]);
    private static readonly DicomCharacterSet Japanese = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87"]);

    [Test]
    public void FromTerms_EmptyFirstValueWithExtension_UsesCodeExtensionsFromIr6()
    {
        Assert.That(Japanese.UsesCodeExtensions, Is.True);
        Assert.That(Japanese.Name, Is.EqualTo("ISO 2022 IR 6\\ISO 2022 IR 87"));
        Assert.That(Japanese.Decode(Bytes("Yamada^Tarou"), DicomVR.PN), Is.EqualTo("Yamada^Tarou"));
    }

    [Test]
    public void Decode_G1DesignationBeforeEquals_ResetsToValue1AtEquals()
    {
        // After '=' G1 is value 1's again (none), so the same bytes no longer read as KS X 1001.
        var decoded = Korean.Decode(Bytes("\u001b$)C\u00b1\u00e8=\u00b1\u00e8"), DicomVR.PN);

        Assert.That(decoded, Is.EqualTo("김=\u00b1\u00e8"));
    }

    [Test]
    public void Decode_G1DesignationBeforeCaret_ResetsInPersonNameOnly()
    {
        var value = Bytes("\u001b$)C\u00b1\u00e8^\u00b1\u00e8");

        Assert.That(Korean.Decode(value, DicomVR.PN), Is.EqualTo("김^\u00b1\u00e8"));
        Assert.That(Korean.Decode(value, DicomVR.LO), Is.EqualTo("김^김"));
    }

    [Test]
    public void Decode_G1DesignationBeforeBackslash_ResetsInMultiValuedVrOnly()
    {
        var value = Bytes("\u001b$)C\u00b1\u00e8\\\u00b1\u00e8");

        Assert.That(Korean.Decode(value, DicomVR.LO), Is.EqualTo("김\\\u00b1\u00e8"));
        Assert.That(Korean.Decode(value, DicomVR.LT), Is.EqualTo("김\\김"));
    }

    [Test]
    public void Decode_JisX0208WithoutReturnBeforeNewLine_ResetsG0AtControlCharacter()
    {
        var decoded = Japanese.Decode(Bytes("\u001b$B$?\r\n$?"), DicomVR.LT);

        Assert.That(decoded, Is.EqualTo("た\r\n$?"));
    }

    [Test]
    public void Decode_JisX0208PairContainingDelimiterBytes_KeepsThePair()
    {
        // "ま" is 0x24 0x5E: the '^' byte is half a kanji, not a component delimiter.
        var decoded = Japanese.Decode(Bytes("\u001b$B$^\u001b(B^A"), DicomVR.PN);

        Assert.That(decoded, Is.EqualTo("ま^A"));
    }

    [TestCase("A\u001b$)ZB", "A\uFFFDB")]
    [TestCase("A\u001b", "A\uFFFD")]
    [TestCase("A\u001b$", "A\uFFFD$")]
    [TestCase("\u001b$B;", "\uFFFD")]
    [TestCase("\u001b$B;3E", "山\uFFFD")]
    public void Decode_MalformedOrUnknownEscapeOrTruncatedPair_ReplacementCharacter(string value, string expected)
    {
        Assert.That(Japanese.Decode(Bytes(value), DicomVR.LO), Is.EqualTo(expected));
    }

    [Test]
    public void Decode_EscapeForUndeclaredSet_StillHonoured()
    {
        var decoded = Japanese.Decode(Bytes("\u001b$)C\u00b1\u00e8"), DicomVR.LO);

        Assert.That(decoded, Is.EqualTo("김"));
    }

    [Test]
    public void Decode_OldJisEscape_ReadsAsJisX0208()
    {
        Assert.That(Japanese.Decode(Bytes("\u001b$@;3ED\u001b(B"), DicomVR.LO), Is.EqualTo("山田"));
    }

    [Test]
    public void EncodeDecode_JisX0212_RoundTripsSupplementaryKanji()
    {
        // Bytes as Python's iso2022_jp_2 codec writes 丂˘ (JIS X 0212 0x3021, 0x222F).
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87", "ISO 2022 IR 159"]);
        var bytes = Bytes("\u001b$(D0!\"/\u001b(B");

        Assert.That(set.Decode(bytes, DicomVR.LO), Is.EqualTo("丂˘"));
        Assert.That(set.Encode("丂˘", DicomVR.LO), Is.EqualTo(bytes));
    }

    [Test]
    public void EncodeDecode_JisX0208AndX0212Declared_PrefersX0208ForCommonKanji()
    {
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87", "ISO 2022 IR 159"]);

        Assert.That(set.Encode("山丂", DicomVR.LO), Is.EqualTo(Bytes("\u001b$B;3\u001b$(D0!\u001b(B")));
    }

    [Test]
    public void EncodeDecode_Gb2312_RoundTripsWithG1DesignationPerComponent()
    {
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 58"]);
        var bytes = Bytes("Wang^XiaoDong=\u001b$)A\u00cd\u00f5^\u001b$)A\u00d0\u00a1\u00b6\u00ab");

        Assert.That(set.Decode(bytes, DicomVR.PN), Is.EqualTo("Wang^XiaoDong=王^小东"));
        Assert.That(set.Encode("Wang^XiaoDong=王^小东", DicomVR.PN), Is.EqualTo(bytes));
    }

    [Test]
    public void EncodeDecode_SingleByteG1Switch_ReturnsToValue1AtDelimiter()
    {
        var set = DicomCharacterSet.FromTerms(["ISO 2022 IR 100", "ISO 2022 IR 144"]);
        var bytes = Bytes("J\u00e9r\u00f4me^\u001b-L\u00bb\u00ee\u00da\u001b-A");

        Assert.That(set.Encode("Jérôme^Люк", DicomVR.PN), Is.EqualTo(bytes));
        Assert.That(set.Decode(bytes, DicomVR.PN), Is.EqualTo("Jérôme^Люк"));
        Assert.That(set.Decode(Bytes("\u001b-L\u00bb^\u00bb"), DicomVR.PN), Is.EqualTo("Л^»"));
    }

    [Test]
    public void FromTerms_Value1SpelledWithoutExtensions_ReadAsIso2022Form()
    {
        var set = DicomCharacterSet.FromTerms(["ISO_IR 100", "ISO_IR 144"]);

        Assert.That(set.UsesCodeExtensions, Is.True);
        Assert.That(set.Decode(Bytes("\u00e9\u001b-L\u00bb"), DicomVR.LO), Is.EqualTo("éЛ"));
    }

    [Test]
    public void FromTerms_KoreanAsOnlyValue_StartsWithKsX1001InG1()
    {
        // Some Korean systems write "ISO 2022 IR 149" alone and no escapes at all: G1 is designated from the start.
        var set = DicomCharacterSet.FromTerms(["ISO 2022 IR 149"]);

        Assert.That(set.Decode(Bytes("\u00b1\u00e8\u00c8\u00f1\u00c1\u00df"), DicomVR.PN), Is.EqualTo("김희중"));
    }

    [Test]
    public void FromTerms_UnknownSecondValue_FlagsAndKeepsTheRest()
    {
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87", "ISO 2022 IR 999"]);

        Assert.That(set.HasUnknownTerms, Is.True);
        Assert.That(set.Decode(Bytes("\u001b$B;3\u001b(B"), DicomVR.PN), Is.EqualTo("山"));
    }

    [Test]
    public void Decode_KsX1001Code3453_IsNilmNotNilp()
    {
        // Code page 51949 maps this code to U+B2D6; KS X 1001 (and code page 949, which we use) has U+B2D2.
        Assert.That(Korean.Decode(Bytes("\u001b$)C\u00b4\u00d3"), DicomVR.PN), Is.EqualTo("\uB2D2"));
    }

    [Test]
    public void DecodeEncode_JisX0212Tilde_ReadsTildeButWritesAscii()
    {
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 159"]);

        Assert.That(set.Decode(Bytes("\u001b$(D\"7\u001b(B"), DicomVR.LO), Is.EqualTo("~"));
        Assert.That(set.Encode("~", DicomVR.LO), Is.EqualTo(Bytes("~")));
    }

    [Test]
    public void Encode_CharacterInNoDeclaredSet_Throws()
    {
        Assert.Throws<ArgumentException>(() => Japanese.Encode("홍", DicomVR.PN));
    }

    [Test]
    public void Encode_EscapeCharacterInText_Throws()
    {
        Assert.Throws<ArgumentException>(() => Japanese.Encode("A\u001b$B", DicomVR.LO));
    }

    [Test]
    public void Decode_ValueLongerThanStackBuffer_DecodesEveryCharacter()
    {
        var value = Bytes(string.Concat(Enumerable.Repeat("\u001b$B$d\u001b(B\\", 200)));

        var decoded = Japanese.Decode(value, DicomVR.UC);

        Assert.That(decoded, Is.EqualTo(string.Concat(Enumerable.Repeat("や\\", 200))));
    }

    [Test]
    public void Decode_GrBytesWithNothingInG1_ReadAsLatin1()
    {
        Assert.That(Japanese.Decode(Bytes("J\u00e9r\u00f4me"), DicomVR.PN), Is.EqualTo("Jérôme"));
        Assert.That(Japanese.Decode(Bytes("\u001b$B$d\u001b(B\u00e9"), DicomVR.PN), Is.EqualTo("や\u00e9"));
    }

    private static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);
}
