using System.Text.Json;
using NodeAgent.Core.Audit;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Query;
using NodeAgent.Core.Tests.Query;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Disclosure;

[TestFixture]
public sealed class DisclosurePropertyTests
{
    private const string ByModality = """{"groupBy":["modality"],"measures":["patients","studies","series","instances"]}""";

    [Test]
    public async Task AnswerAsync_SameQuery100Times_OneAnswer()
    {
        using var harness = new QueryServiceHarness(RollupGenerator.Generate(3000, seed: 21));
        var first = Render((await harness.AskAsync(ByModality)).Table!);

        for (var i = 0; i < 99; i++)
        {
            var outcome = await harness.AskAsync(ByModality);
            Assert.That(outcome.Kind, Is.EqualTo(QueryOutcomeKind.Answered));
            Assert.That(Render(outcome.Table!), Is.EqualTo(first), $"ask {i + 2}");
        }
    }

    [Test]
    public async Task AnswerAsync_SameQuery100TimesUnderDifferentialPrivacy_OneAnswer()
    {
        var options = new DisclosureOptions { DifferentialPrivacy = true, EpsilonPerQuery = 0.1, EpsilonBudget = 100 };
        using var harness = new QueryServiceHarness(RollupGenerator.Generate(3000, seed: 22), options);
        var first = Render((await harness.AskAsync(ByModality)).Table!);

        for (var i = 0; i < 99; i++)
        {
            Assert.That(Render((await harness.AskAsync(ByModality)).Table!), Is.EqualTo(first));
        }
    }

    [Test]
    public async Task AnswerAsync_TwoReorderingsOfOneQuery_SameAnswer()
    {
        using var harness = new QueryServiceHarness(RollupGenerator.Generate(3000, seed: 23));
        var a = await harness.AskAsync("""{"where":{"and":[{"in":["sex",["F","M"]]},{"or":[{"range":["age_years",30,80]},{"eq":["contrast","true"]}]}]},"groupBy":["modality","sex"],"measures":["patients","instances"]}""");
        var b = await harness.AskAsync("""{"measures":["instances","patients"],"groupBy":["sex","modality"],"where":{"and":[{"or":[{"eq":["contrast","true"]},{"range":["age_years",30,80]}]},{"in":["sex",["M","F"]]}]}}""");

        Assert.That(ByCell(b.Table!), Is.EqualTo(ByCell(a.Table!)));
        Assert.That(ByCell(a.Table!), Has.Count.GreaterThan(10));
    }

    [Test]
    public async Task AnswerAsync_EquivalentRewordings_SameNoiseSoAveragingGainsNothing()
    {
        // Ages are whole years: every range bound between 70 and 71 selects the same series. Noise keyed by the query's
        // text would give each wording a fresh draw, and the mean of many answers would converge on the true count.
        using var harness = new QueryServiceHarness(RollupGenerator.Generate(3000, seed: 25));
        var answers = new List<string>();
        foreach (var max in new[] { "71", "70.1", "70.5", "70.9" })
        {
            answers.Add(Render((await harness.AskAsync($$"""{"where":{"range":["age_years",40,{{max}}]},"groupBy":["modality"],"measures":["patients","series"]}""")).Table!));
        }

        answers.Add(Render((await harness.AskAsync("""{"where":{"and":[{"range":["age_years",40,null]},{"or":[{"range":["age_years",null,71]}]}]},"groupBy":["modality"],"measures":["patients","series"]}""")).Table!));

        Assert.That(answers.Distinct(), Has.Exactly(1).Items, string.Join("\n\n", answers));
    }

    [Test]
    public async Task AnswerAsync_SameCellThroughAnotherGroupBy_SameValue()
    {
        using var harness = new QueryServiceHarness(RollupGenerator.Generate(3000, seed: 26));
        var grouped = await harness.AskAsync("""{"where":{"eq":["sex","F"]},"groupBy":["modality"],"measures":["series"]}""");

        var single = await harness.AskAsync("""{"where":{"and":[{"eq":["sex","F"]},{"in":["modality",["CT"]]}]},"measures":["series"]}""");

        Assert.That(single.Table!.Rows.Single().Cells[0], Is.EqualTo(grouped.Table!.Rows.Single(r => r.Groups[0] == "CT").Cells[0]));
    }

    [Test]
    public async Task AnswerAsync_CountOfThree_ReleasedAsSuppressed()
    {
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40).Concat(QueryServiceHarness.Patients("MR", 3)));

        var outcome = await harness.AskAsync(ByModality);

        var mr = outcome.Table!.Rows.Single(r => r.Groups[0] == "MR");
        Assert.That(mr.Cells, Has.All.EqualTo(new ReleasedCell(null, true, "<10")));
        var ct = outcome.Table.Rows.Single(r => r.Groups[0] == "CT");
        Assert.That(ct.Cells.Select(c => c.Suppressed), Has.All.False);
        Assert.That(ct.Cells[0].Value, Is.InRange(35, 45));
    }

    [Test]
    public async Task AnswerAsync_ReleasedValues_RoundedAndNoisedNearTheTruth()
    {
        var rollups = RollupGenerator.Generate(5000, seed: 24, patients: 2000);
        using var harness = new QueryServiceHarness(rollups);
        var query = QueryJson.Parse("""{"groupBy":["modality","age_years"],"measures":["patients","series","instances"]}""");
        var truth = ReferenceEngine.Compute(rollups, query, harness.Policy);

        var table = (await harness.AskAsync(query)).Table!;

        var differsFromPlainRounding = false;
        for (var i = 0; i < truth.Count; i++)
        {
            var row = table.Rows[i];
            Assert.That(row.Groups, Is.EqualTo(truth[i].Groups));
            var counts = new[] { truth[i].Patients, truth[i].Series, truth[i].Instances };
            for (var m = 0; m < counts.Length; m++)
            {
                if (row.Cells[m].Suppressed)
                {
                    Assert.That(truth[i].Patients, Is.InRange(1, 9));
                    continue;
                }

                var value = row.Cells[m].Value!.Value;
                Assert.That(value % 5, Is.Zero);
                Assert.That(Math.Abs(value - counts[m]), Is.LessThanOrEqualTo(4), $"cell {i}/{m}");
                differsFromPlainRounding |= value != (long)Math.Round(counts[m] / 5.0, MidpointRounding.AwayFromZero) * 5;
            }
        }

        Assert.That(differsFromPlainRounding, Is.True, "the cell-key noise never changed a released value");
    }

    [Test]
    public async Task AnswerAsync_NothingMatches_ExactZero()
    {
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40));

        var outcome = await harness.AskAsync("""{"where":{"eq":["modality","PT"]},"measures":["patients","instances"]}""");

        Assert.That(outcome.Table!.Rows.Single().Cells, Has.All.EqualTo(new ReleasedCell(0, false, null)));
    }

    [Test]
    public async Task AnswerAsync_DifferencingPair_SecondRefused()
    {
        using var harness = new QueryServiceHarness(
            QueryServiceHarness.Patients("CT", 50, age: 50).Concat(QueryServiceHarness.Patients("CT", 2, age: 80)));
        var all = await harness.AskAsync("""{"where":{"eq":["modality","CT"]},"measures":["patients"]}""");

        var allButTwo = await harness.AskAsync("""{"where":{"and":[{"eq":["modality","CT"]},{"range":["age_years",null,75]}]},"measures":["patients"]}""");

        Assert.That(all.Kind, Is.EqualTo(QueryOutcomeKind.Answered));
        Assert.That(allButTwo.Kind, Is.EqualTo(QueryOutcomeKind.Refused));
        Assert.That(allButTwo.RefusalCode, Is.EqualTo("differencing"));
        Assert.That(allButTwo.RefusalReason, Does.Contain(all.QueryId).And.Contain("fewer than 10 patients"));
        Assert.That(allButTwo.Table, Is.Null);
    }

    [Test]
    public async Task AnswerAsync_DifferencingPairOfAnotherRequester_Answered()
    {
        using var harness = new QueryServiceHarness(
            QueryServiceHarness.Patients("CT", 50, age: 50).Concat(QueryServiceHarness.Patients("CT", 2, age: 80)));
        await harness.AskAsync("""{"where":{"eq":["modality","CT"]},"measures":["patients"]}""", "hub-a");

        var other = await harness.AskAsync("""{"where":{"range":["age_years",null,75]},"measures":["patients"]}""", "hub-b");
        var sameSet = await harness.AskAsync("""{"where":{"range":["age_years",null,75]},"groupBy":["sex"],"measures":["series"]}""", "hub-b");
        var farApart = await harness.AskAsync("""{"where":{"range":["age_years",null,60]},"measures":["patients"]}""", "hub-a");

        Assert.That(other.Kind, Is.EqualTo(QueryOutcomeKind.Answered));
        Assert.That(sameSet.Kind, Is.EqualTo(QueryOutcomeKind.Answered), "the same patient set differs by 0");
        Assert.That(farApart.RefusalCode, Is.EqualTo("differencing"), "50 vs 52 patients for hub-a");
    }

    [Test]
    public async Task AnswerAsync_EpsilonLedger_RefusesTheQueryThatWouldExceedItUntilTheWindowPasses()
    {
        var options = new DisclosureOptions { DifferentialPrivacy = true, EpsilonPerQuery = 0.25, EpsilonBudget = 1.0, WindowDays = 30 };
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40), options);
        var start = harness.Time.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            var answered = await harness.AskAsync(ByModality);
            Assert.That(answered.Kind, Is.EqualTo(QueryOutcomeKind.Answered), $"query {i + 1}");
            Assert.That(answered.EpsilonSpent, Is.EqualTo(0.25));
            harness.Time.Advance(TimeSpan.FromDays(1));
        }

        var refused = await harness.AskAsync(ByModality);
        var otherRequester = await harness.AskAsync(ByModality, "hub-b");

        Assert.That(refused.RefusalCode, Is.EqualTo("epsilon-exhausted"));
        Assert.That(refused.RefusalReason, Does.Contain("ε 0 of 1 is left").And.Contain("needs 0.25")
            .And.Contain($"frees up at {start.AddDays(30):yyyy-MM-dd'T'HH:mm:ss'Z'}"));
        Assert.That(refused.EpsilonSpent, Is.Zero);
        Assert.That(otherRequester.Kind, Is.EqualTo(QueryOutcomeKind.Answered));

        harness.Time.Advance(start.AddDays(30) - harness.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        var again = await harness.AskAsync(ByModality);
        var fullAgain = await harness.AskAsync(ByModality);

        Assert.That(again.Kind, Is.EqualTo(QueryOutcomeKind.Answered));
        Assert.That(fullAgain.RefusalCode, Is.EqualTo("epsilon-exhausted"), "only the first day's ε has left the window");
    }

    [Test]
    public async Task AnswerAsync_DeadlinePassed_RefusedAsExpiredWithoutRunning()
    {
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40));
        var context = new QueryContext("late", "hub-a", harness.Time.GetUtcNow().AddSeconds(-1));

        var outcome = await harness.Service.AnswerAsync(context, QueryJson.Parse(ByModality), CancellationToken.None);

        Assert.That(outcome.RefusalCode, Is.EqualTo("expired"));
        Assert.That(outcome.PolicyHash, Is.EqualTo(harness.Policy.PolicyHash));
    }

    [Test]
    public async Task RefuseAsync_RefusalDecidedByTheLink_AuditedLikeTheEngines()
    {
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40));
        var context = new QueryContext("no-deadline", "hub-a", DateTimeOffset.MinValue);

        var outcome = await harness.Service.RefuseAsync(context, "invalid-query", "the request has no deadline or no query", CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(QueryOutcomeKind.Refused));
        Assert.That(outcome.PolicyHash, Is.EqualTo(harness.Policy.PolicyHash));
        var record = AuditLines(harness).Single();
        Assert.That(record.GetProperty("queryId").GetString(), Is.EqualTo("no-deadline"));
        Assert.That(record.GetProperty("refusalCode").GetString(), Is.EqualTo("invalid-query"));
        Assert.That(AuditLog.Verify(harness.Audit.Path).IsClean, Is.True);
    }

    [Test]
    public async Task AnswerAsync_InvalidQuery_RefusedAndAudited()
    {
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40));
        var query = new FederatedQuery(null, ["modality", "sex", "age_band"], [QueryMeasure.Patients]);

        var outcome = await harness.AskAsync(query);

        Assert.That(outcome.RefusalCode, Is.EqualTo("invalid-query"));
        Assert.That(outcome.RefusalReason, Does.Contain("more than 2"));
        var record = AuditLines(harness).Single();
        Assert.That(record.GetProperty("outcome").GetString(), Is.EqualTo("refused"));
        Assert.That(record.GetProperty("refusalCode").GetString(), Is.EqualTo("invalid-query"));
    }

    [Test]
    public async Task AnswerAsync_EveryOutcome_AuditedWithReleasedValuesOnly()
    {
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 41).Concat(QueryServiceHarness.Patients("MR", 3)));
        var answered = await harness.AskAsync(ByModality);
        await harness.Service.AnswerAsync(new QueryContext("late", "hub-a", DateTimeOffset.UnixEpoch), QueryJson.Parse(ByModality), CancellationToken.None);

        var records = AuditLines(harness);

        Assert.That(records, Has.Count.EqualTo(2));
        Assert.That(records[0].GetProperty("queryId").GetString(), Is.EqualTo(answered.QueryId));
        Assert.That(records[0].GetProperty("policyHash").GetString(), Is.EqualTo(harness.Policy.PolicyHash));
        Assert.That(records[0].GetProperty("query").GetRawText(), Is.EqualTo(CanonicalQuery.Of(QueryJson.Parse(ByModality))));
        var released = records[0].GetProperty("released").GetProperty("rows").EnumerateArray().ToList();
        var ct = answered.Table!.Rows.Single(r => r.Groups[0] == "CT");
        Assert.That(released[0].GetProperty("cells")[0].GetInt64(), Is.EqualTo(ct.Cells[0].Value));
        Assert.That(released[1].GetProperty("cells")[0].GetString(), Is.EqualTo("<10"));
        Assert.That(records[1].GetProperty("refusalCode").GetString(), Is.EqualTo("expired"));
        Assert.That(AuditLog.Verify(harness.Audit.Path).IsClean, Is.True);
    }

    [Test]
    public async Task AnswerAsync_AuditCannotBeWritten_AnswerWithheld()
    {
        using var harness = new QueryServiceHarness(QueryServiceHarness.Patients("CT", 40));
        harness.Audit.Dispose();

        var outcome = await harness.AskAsync(ByModality);

        Assert.That(outcome.Kind, Is.EqualTo(QueryOutcomeKind.Refused));
        Assert.That(outcome.RefusalCode, Is.EqualTo("internal"));
        Assert.That(outcome.RefusalReason, Does.Contain("audit log"));
        Assert.That(outcome.Table, Is.Null);
    }

    private static List<JsonElement> AuditLines(QueryServiceHarness harness) =>
        [.. File.ReadAllLines(harness.Audit.Path).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static string Render(ReleasedTable table) => string.Join(
        "\n",
        table.Rows.Select(r => string.Join("|", r.Groups) + ":" + string.Join(",", r.Cells.Select(c => c.Suppressed ? c.Label : c.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

    // Cell values keyed by "dimension=value" pairs in name order and the measure, independent of query order.
    private static Dictionary<string, ReleasedCell> ByCell(ReleasedTable table)
    {
        var cells = new Dictionary<string, ReleasedCell>();
        foreach (var row in table.Rows)
        {
            var groups = string.Join(",", table.GroupBy.Select((g, i) => $"{g}={row.Groups[i]}").Order(StringComparer.Ordinal));
            for (var m = 0; m < table.Measures.Count; m++)
            {
                cells[$"{groups}/{table.Measures[m]}"] = row.Cells[m];
            }
        }

        return cells;
    }
}
