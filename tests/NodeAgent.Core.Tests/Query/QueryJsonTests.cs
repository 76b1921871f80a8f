using System.Text;
using NodeAgent.Core.Query;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Query;

[TestFixture]
public sealed class QueryJsonTests
{
    private const string Example = """
        { "where": { "and": [ { "eq": ["modality", "CT"] }, { "in": ["sex", ["F","M"]] },
                              { "range": ["age_years", 40, 70] }, { "or": [ { "eq": ["contrast", true] }, { "range": ["kvp", null, 100] } ] } ] },
          "groupBy": ["modality", "sex"],
          "measures": ["patients", "studies", "series", "instances"] }
        """;

    [Test]
    public void Parse_ApiExample_AllParts()
    {
        var query = QueryJson.Parse(Example);

        var and = (AllOf)query.Where!;
        Assert.That(and.Filters, Has.Count.EqualTo(4));
        Assert.That(and.Filters[0], Is.EqualTo(new EqualsFilter("modality", "CT")));
        Assert.That(((InFilter)and.Filters[1]).Values, Is.EqualTo(new[] { "F", "M" }));
        Assert.That(and.Filters[2], Is.EqualTo(new RangeFilter("age_years", 40, 70)));
        Assert.That(((AnyOf)and.Filters[3]).Filters[0], Is.EqualTo(new EqualsFilter("contrast", "true")));
        Assert.That(query.GroupBy, Is.EqualTo(new[] { "modality", "sex" }));
        Assert.That(query.Measures, Is.EqualTo(Enum.GetValues<QueryMeasure>()));
    }

    [Test]
    public void Serialize_ThenParse_SameCanonicalForm()
    {
        var query = QueryJson.Parse(Example);

        var again = QueryJson.Parse(QueryJson.Serialize(query));

        Assert.That(CanonicalQuery.Of(again), Is.EqualTo(CanonicalQuery.Of(query)));
    }

    [Test]
    public void Canonical_ReorderedOperandsValuesGroupByAndMeasures_SameTextAndHash()
    {
        var a = QueryJson.Parse("""{"where":{"and":[{"eq":["modality","CT"]},{"in":["sex",["F","M"]]},{"or":[{"eq":["rows",512]},{"range":["age_years",40,70]}]}]},"groupBy":["modality","sex"],"measures":["patients","series"]}""");
        var b = QueryJson.Parse("""{"measures":["series","patients"],"groupBy":["sex","modality"],"where":{"and":[{"or":[{"range":["age_years",40,70]},{"eq":["rows","512.0"]}]},{"in":["sex",["M","F","M"]]},{"eq":["modality","CT"]}]}}""");

        Assert.That(CanonicalQuery.Of(b), Is.EqualTo(CanonicalQuery.Of(a)));
        Assert.That(CanonicalQuery.Hash(b), Is.EqualTo(CanonicalQuery.Hash(a)));
    }

    [Test]
    public void Canonical_DifferentValue_DifferentHash()
    {
        var a = QueryJson.Parse("""{"where":{"eq":["modality","CT"]},"groupBy":[],"measures":["patients"]}""");
        var b = QueryJson.Parse("""{"where":{"eq":["modality","MR"]},"groupBy":[],"measures":["patients"]}""");

        Assert.That(CanonicalQuery.Hash(b), Is.Not.EqualTo(CanonicalQuery.Hash(a)));
    }

    [TestCase("""{"where":{"eq":["eye_colour","blue"]},"groupBy":[],"measures":["patients"]}""", "Unknown dimension \"eye_colour\"")]
    [TestCase("""{"groupBy":["shoe_size"],"measures":["patients"]}""", "Unknown dimension \"shoe_size\"")]
    [TestCase("""{"groupBy":["modality","sex","age_band"],"measures":["patients"]}""", "more than 2")]
    [TestCase("""{"groupBy":["modality"],"measures":[]}""", "no measure")]
    [TestCase("""{"groupBy":["modality"]}""", "no measure")]
    [TestCase("""{"measures":["pixels"]}""", "Unknown measure \"pixels\"")]
    [TestCase("""{"where":{"in":["sex",[]]},"measures":["patients"]}""", "lists no value")]
    [TestCase("""{"where":{"range":["age_years",70,40]},"measures":["patients"]}""", "must be below the maximum")]
    [TestCase("""{"where":{"range":["age_years",40,40]},"measures":["patients"]}""", "must be below the maximum")]
    [TestCase("""{"where":{"range":["age_years",null,null]},"measures":["patients"]}""", "neither a minimum nor a maximum")]
    [TestCase("""{"where":{"range":["modality",1,2]},"measures":["patients"]}""", "numeric dimension")]
    [TestCase("""{"where":{"eq":["rows","many"]},"measures":["patients"]}""", "needs a number")]
    [TestCase("""{"where":{"and":[]},"measures":["patients"]}""", "no operand")]
    [TestCase("""{"where":{"eq":["modality","CT"],"or":[]},"measures":["patients"]}""", "exactly one")]
    [TestCase("""{"where":{"like":["modality","C%"]},"measures":["patients"]}""", "Unknown filter \"like\"")]
    [TestCase("""{"select":"*","measures":["patients"]}""", "Unknown key \"select\"")]
    [TestCase("""{"measures":["patients"]""", "not valid JSON")]
    [TestCase("""[1,2]""", "must be a JSON object")]
    public void Parse_BrokenRule_ValidationExceptionSaysWhich(string json, string message)
    {
        var e = Assert.Throws<QueryValidationException>(() => QueryJson.Parse(json));

        Assert.That(e!.Message, Does.Contain(message));
    }

    [Test]
    public void Parse_NestingOfNine_Refused()
    {
        var filter = "{\"eq\":[\"modality\",\"CT\"]}";
        for (var i = 0; i < 8; i++)
        {
            filter = $"{{\"and\":[{filter}]}}";
        }

        var e = Assert.Throws<QueryValidationException>(() => QueryJson.Parse($"{{\"where\":{filter},\"measures\":[\"patients\"]}}"));

        Assert.That(e!.Message, Does.Contain("deeper than 8"));
    }

    [Test]
    public void Parse_NestingOfEight_Accepted()
    {
        var filter = "{\"eq\":[\"modality\",\"CT\"]}";
        for (var i = 0; i < 7; i++)
        {
            filter = $"{{\"or\":[{filter}]}}";
        }

        Assert.That(QueryJson.Parse($"{{\"where\":{filter},\"measures\":[\"patients\"]}}").Where, Is.InstanceOf<AnyOf>());
    }

    [Test]
    public void Parse_MoreThan256Nodes_Refused()
    {
        var leaves = string.Join(",", Enumerable.Repeat("{\"eq\":[\"modality\",\"CT\"]}", 256));

        var e = Assert.Throws<QueryValidationException>(() => QueryJson.Parse($"{{\"where\":{{\"or\":[{leaves}]}},\"measures\":[\"patients\"]}}"));

        Assert.That(e!.Message, Does.Contain("more than 256 nodes"));
    }

    [Test]
    public void Parse_Over64KiB_RefusedBeforeParsing()
    {
        var padding = new string(' ', QueryLimits.MaxJsonBytes);

        var e = Assert.Throws<QueryValidationException>(() => QueryJson.Parse($"{{\"measures\":[\"patients\"]}}{padding}"));

        Assert.That(e!.Message, Does.Contain("larger than 64 KiB"));
    }

    [Test]
    public void Validate_HostileQueryBuiltInCode_StopsAtTheNodeLimit()
    {
        // A query from the hub link is not bounded by the JSON size: a million operands must be refused cheaply.
        var operands = Enumerable.Repeat<QueryFilter>(new EqualsFilter("modality", "CT"), 1_000_000).ToList();
        var query = new FederatedQuery(new AnyOf(operands), [], [QueryMeasure.Patients]);

        var e = Assert.Throws<QueryValidationException>(() => QueryValidator.Validate(query));

        Assert.That(e!.Message, Does.Contain("more than 256 nodes"));
    }

    [Test]
    public void Validate_LongUnknownName_MessageShortened()
    {
        var query = new FederatedQuery(new EqualsFilter(new string('x', 10_000), "1"), [], [QueryMeasure.Patients]);

        var e = Assert.Throws<QueryValidationException>(() => QueryValidator.Validate(query));

        Assert.That(Encoding.UTF8.GetByteCount(e!.Message), Is.LessThan(1000));
    }
}
