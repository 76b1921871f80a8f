using System.Text;
using NodeAgent.Core.Index;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Index;

[TestFixture]
public sealed class BodyPartMappingTests
{
    private static BodyPartMapping Parse(string json) => BodyPartMapping.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Test]
    public void Load_ShippedTable_CoversTheCommonRegions()
    {
        var mapping = ShippedTables.BodyParts;

        Assert.That(mapping.Count, Is.GreaterThanOrEqualTo(40));
        foreach (var term in new[]
        {
            "HEAD", "BRAIN", "NECK", "CHEST", "THORAX", "LUNG", "ABDOMEN", "PELVIS", "ABDOMENPELVIS", "CSPINE", "TSPINE",
            "LSPINE", "SPINE", "SHOULDER", "KNEE", "HIP", "HAND", "FOOT", "BREAST", "HEART", "LIVER", "KIDNEY", "PROSTATE",
            "WHOLEBODY", "EXTREMITY",
        })
        {
            Assert.That(mapping.Map(term).IsKnown, Is.True, term);
        }
    }

    [TestCase("CHEST", "43799004", "Chest")]
    [TestCase("thorax", "43799004", "Chest")]
    [TestCase("Whole Body", "38266002", "Entire body")]
    [TestCase("C-SPINE", "122494005", "Cervical spine")]
    [TestCase("abdomen pelvis", "818982008", "Abdomen and Pelvis")]
    [TestCase("BRAIN", "12738006", "Brain")]
    [TestCase("LSPINE", "122496007", "Lumbar spine")]
    [TestCase("HIP", "24136001", "Hip joint")]
    public void Map_FreeText_Concept(string text, string code, string meaning)
    {
        var part = ShippedTables.BodyParts.Map(text);

        Assert.That(part.Code, Is.EqualTo(code));
        Assert.That(part.Meaning, Is.EqualTo(meaning));
        Assert.That(part.Scheme, Is.EqualTo("SCT"));
    }

    [TestCase("818981001", "SCT", "818981001")]
    [TestCase("113345001", "SCT", "818981001")]
    [TestCase("T-D4000", "SRT", "818981001")]
    [TestCase("T-A0100", "SNM3", "12738006")]
    [TestCase("29836001", "SCT", "24136001")]
    public void Map_Code_Concept(string code, string scheme, string expected)
    {
        Assert.That(ShippedTables.BodyParts.Map(null, code, scheme, "whatever").Code, Is.EqualTo(expected));
    }

    [Test]
    public void Map_SctCodeUnderForeignScheme_NotMatchedByCode()
    {
        var part = ShippedTables.BodyParts.Map(null, "10200004", "99LOCAL", "Something else");

        Assert.That(part, Is.EqualTo(BodyPart.Unknown("SOMETHING ELSE")));
    }

    [Test]
    public void Map_Nothing_UnknownWithoutText()
    {
        Assert.That(ShippedTables.BodyParts.Map(null), Is.EqualTo(BodyPart.Unknown(null)));
    }

    [Test]
    public void Read_SiteEntry_Used()
    {
        var mapping = Parse("""[{"match": ["TORACE"], "code": "43799004", "meaning": "Chest"}]""");

        Assert.That(mapping.Map("Torace"), Is.EqualTo(new BodyPart("43799004", "SCT", "Chest", "TORACE")));
    }

    [TestCase("""[{"match": ["A"], "code": "1", "meaning": "One"}, {"match": ["A"], "code": "2", "meaning": "Two"}]""", "also matches 1")]
    [TestCase("""[{"match": ["A"], "code": "1", "meaning": "One", "alternateCodes": ["9"]}, {"match": ["B"], "code": "9", "meaning": "Nine"}]""", "also belongs to 1")]
    [TestCase("""[{"match": ["A"], "meaning": "One"}]""", "needs a code")]
    [TestCase("""[{"mathc": ["A"], "code": "1", "meaning": "One"}]""", "not valid JSON")]
    [TestCase("""[{"match": ["--"], "code": "1", "meaning": "One"}]""", "no letters")]
    public void Read_BadTable_InvalidDataNamingTheProblem(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(json));

        Assert.That(error!.Message, Does.Contain(message));
    }
}
