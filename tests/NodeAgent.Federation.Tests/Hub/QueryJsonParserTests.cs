using NodeAgent.Federation.Contract;
using NodeAgent.Hub.Queries;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Hub;

public sealed class QueryJsonParserTests
{
    [Test]
    public void Parse_QueryApiExample_MapsEveryFilterKind()
    {
        var query = QueryJsonParser.Parse("""
            { "where": { "and": [ { "eq": ["modality", "CT"] }, { "in": ["sex", ["F","M"]] },
                                  { "range": ["age_years", 40, 70] }, { "or": [ { "eq": ["contrast", "true"] }, { "range": ["kvp", null, 100] } ] } ] },
              "groupBy": ["modality", "sex"],
              "measures": ["patients", "studies", "series", "instances"] }
            """);
        var and = query.Where.AllOf.Filters;
        Assert.Multiple(() =>
        {
            Assert.That(query.GroupBy, Is.EqualTo(new[] { "modality", "sex" }));
            Assert.That(query.Measures, Is.EqualTo(new[] { Measure.Patients, Measure.Studies, Measure.Series, Measure.Instances }));
            Assert.That(and[0].Eq.Dimension, Is.EqualTo("modality"));
            Assert.That(and[0].Eq.Value, Is.EqualTo("CT"));
            Assert.That(and[1].In.Values, Is.EqualTo(new[] { "F", "M" }));
            Assert.That((and[2].Range.Min, and[2].Range.Max), Is.EqualTo((40.0, 70.0)));
            Assert.That(and[3].AnyOf.Filters[1].Range.HasMin, Is.False, "null is an open bound");
            Assert.That(and[3].AnyOf.Filters[1].Range.Max, Is.EqualTo(100.0));
        });
    }

    [Test]
    public void Parse_NoWhere_MeansEverything()
    {
        var query = QueryJsonParser.Parse("""{ "measures": ["instances"] }""");
        Assert.That(query.Where, Is.Null);
    }

    [TestCase("""{ "measures": [] }""", "at least one")]
    [TestCase("""{ "measures": ["pixels"] }""", "unknown measure")]
    [TestCase("""{ "measures": ["series"], "groupBy": ["a", "b", "c"] }""", "at most two")]
    [TestCase("""{ "measures": ["series"], "where": { "like": ["modality", "C%"] } }""", "unknown filter")]
    [TestCase("""{ "measures": ["series"], "where": { "eq": ["modality"] } }""", "where.eq")]
    [TestCase("""{ "measures": ["series"], "select": "*" }""", "unknown key")]
    [TestCase("""not json""", "not valid JSON")]
    public void Parse_Invalid_ThrowsNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<QueryJsonException>(() => QueryJsonParser.Parse(json));
        Assert.That(error!.Message, Does.Contain(expected));
    }
}
