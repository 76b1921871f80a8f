using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Query;

[TestFixture]
public sealed class RollupTableTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly DisclosurePolicy Policy = new(new DisclosureOptions());

    [Test]
    public void Aggregate_RandomQueries_EqualBruteForce()
    {
        var rollups = RollupGenerator.Generate(3000, seed: 1);
        using var table = new RollupTable(rollups, Key);
        var random = new Random(7);

        for (var i = 0; i < 300; i++)
        {
            var query = RandomQueries.Create(random);
            QueryValidator.Validate(query);
            AssertSame(table, rollups, query, $"query {i}: {QueryJson.Serialize(query)}");
        }
    }

    [TestCase("{\"eq\":[\"modality\",\"CT\"]}")]
    [TestCase("{\"eq\":[\"sex\",\"UNKNOWN\"]}")]
    [TestCase("{\"eq\":[\"rows\",512]}")]
    [TestCase("{\"eq\":[\"kvp\",\"UNKNOWN\"]}")]
    [TestCase("{\"in\":[\"manufacturer\",[\"GE\",\"CANON\",\"NOBODY\"]]}")]
    [TestCase("{\"in\":[\"field_strength\",[1.5,\"UNKNOWN\"]]}")]
    [TestCase("{\"range\":[\"age_years\",40,70]}")]
    [TestCase("{\"range\":[\"slice_thickness\",null,2.5]}")]
    [TestCase("{\"and\":[{\"eq\":[\"modality\",\"MR\"]},{\"or\":[{\"eq\":[\"sex\",\"F\"]},{\"range\":[\"age_years\",60,null]}]}]}")]
    [TestCase("{\"or\":[{\"and\":[{\"eq\":[\"contrast\",\"true\"]},{\"in\":[\"burned_in_risk\",[\"high\"]]}]},{\"eq\":[\"modality\",\"US\"]}]}")]
    public void Aggregate_EachFilterKindAndEveryMeasure_EqualsBruteForce(string where)
    {
        var rollups = RollupGenerator.Generate(2000, seed: 2);
        using var table = new RollupTable(rollups, Key);
        foreach (var groupBy in new[] { Array.Empty<string>(), ["modality"], ["sex", "age_years"] })
        {
            var query = QueryJson.Parse($"{{\"where\":{where},\"groupBy\":[{string.Join(",", groupBy.Select(g => $"\"{g}\""))}],\"measures\":[\"patients\",\"studies\",\"series\",\"instances\"]}}");
            AssertSame(table, rollups, query, where + " by " + string.Join(",", groupBy));
        }
    }

    [Test]
    public void Aggregate_NothingMatchesWithoutGroupBy_OneZeroRow()
    {
        using var table = new RollupTable(RollupGenerator.Generate(100, seed: 3), Key);
        var query = QueryJson.Parse("{\"where\":{\"eq\":[\"modality\",\"NONE\"]},\"groupBy\":[],\"measures\":[\"series\"]}");

        var result = table.Aggregate(query, Policy.Bins);

        Assert.That(result.Cells, Has.Count.EqualTo(1));
        Assert.That(result.Cells[0].Series, Is.Zero);
        Assert.That(result.PatientHashes, Is.Empty);
    }

    [Test]
    public void Aggregate_PatientHashes_OnePerDistinctMatchedPatient()
    {
        var rollups = RollupGenerator.Generate(1000, seed: 4);
        using var table = new RollupTable(rollups, Key);
        var query = QueryJson.Parse("{\"where\":{\"eq\":[\"sex\",\"F\"]},\"groupBy\":[],\"measures\":[\"patients\"]}");

        var result = table.Aggregate(query, Policy.Bins);

        var expected = rollups.Where(r => r.Dimensions.Sex == "F").Select(r => r.PatientKey).Distinct().Count();
        Assert.That(result.PatientHashes, Has.Length.EqualTo(expected));
        Assert.That(result.PatientHashes, Is.Ordered);
    }

    [Test]
    public void Apply_AddChangeAndRemoveSeries_Reflected()
    {
        var rollups = RollupGenerator.Generate(500, seed: 5);
        using var table = new RollupTable(rollups, Key);
        var random = new Random(11);
        var current = rollups.ToDictionary(r => r.SeriesKey);
        for (var round = 0; round < 20; round++)
        {
            var removed = current.Keys.OrderBy(_ => random.Next()).Take(10).ToList();
            var changed = current.Values.Where(r => !removed.Contains(r.SeriesKey)).OrderBy(_ => random.Next()).Take(10)
                .Select(r => r with { Dimensions = RollupGenerator.Dimensions(random), InstanceCount = r.InstanceCount + 1 })
                .Concat(RollupGenerator.Generate(15, seed: 100 + round))
                .ToList();
            removed.Add("never-indexed");
            table.Apply(new IndexCommit(changed, removed));
            foreach (var key in removed)
            {
                current.Remove(key);
            }

            foreach (var rollup in changed)
            {
                current[rollup.SeriesKey] = rollup;
            }

            Assert.That(table.Count, Is.EqualTo(current.Count));
            AssertSame(table, current.Values.ToList(), RandomQueries.Create(random), $"round {round}");
            AssertSame(table, current.Values.ToList(), new FederatedQuery(null, ["modality", "sex"], Enum.GetValues<QueryMeasure>()), $"round {round} totals");
        }
    }

    [Test]
    public async Task Aggregate_WhileCommitsArrive_SeesWholeCommits()
    {
        using var table = new RollupTable([], Key);
        var query = new FederatedQuery(null, [], [QueryMeasure.Series, QueryMeasure.Instances]);
        // Each commit adds two series of 5 instances: a query that saw half a commit would see an odd series count.
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var dimensions = new InstanceDimensions { Modality = "CT" };
                table.Apply(new IndexCommit(
                    [RollupGenerator.Series($"a{i}", "st", "p", dimensions, 5), RollupGenerator.Series($"b{i}", "st", "p", dimensions, 5)],
                    []));
            }
        });
        long last = 0;
        while (!writer.IsCompleted)
        {
            var cell = table.Aggregate(query, Policy.Bins).Cells[0];
            Assert.That(cell.Series % 2, Is.Zero);
            Assert.That(cell.Instances, Is.EqualTo(cell.Series * 5));
            Assert.That(cell.Series, Is.GreaterThanOrEqualTo(last));
            last = cell.Series;
        }

        await writer;
        Assert.That(table.Aggregate(query, Policy.Bins).Cells[0].Series, Is.EqualTo(4000));
    }

    private static void AssertSame(RollupTable table, IReadOnlyList<SeriesRollup> rollups, FederatedQuery query, string because)
    {
        var actual = table.Aggregate(query, Policy.Bins).Cells;
        var expected = ReferenceEngine.Compute(rollups, query, Policy);
        Assert.That(actual.Select(c => string.Join("|", c.Groups)), Is.EqualTo(expected.Select(c => string.Join("|", c.Groups))), because);
        for (var i = 0; i < expected.Count; i++)
        {
            var (_, patients, studies, series, instances) = expected[i];
            Assert.That(actual[i].Patients, Is.EqualTo(patients), because);
            Assert.That(actual[i].Series, Is.EqualTo(series), because);
            Assert.That(actual[i].Instances, Is.EqualTo(instances), because);
            if (query.Measures.Contains(QueryMeasure.Studies))
            {
                Assert.That(actual[i].Studies, Is.EqualTo(studies), because);
            }
        }
    }
}
