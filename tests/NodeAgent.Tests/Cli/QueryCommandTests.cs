using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NodeAgent.Core.Secrets;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Cli;

[TestFixture]
public sealed class QueryCommandTests
{
    private const string ByModality = """{"groupBy":["modality"],"measures":["patients","instances"]}""";

    [Test]
    public async Task QueryLocal_GroupBy_PrintsTheReleasedTableWithSuppressedCellsMarkedAndWritesNothing()
    {
        using var directory = new TempDirectory("cli-query");
        var data = Path.Combine(directory.Path, "data");
        LocalData.Create(data);
        await File.WriteAllTextAsync(directory.Combine("q.json"), ByModality);

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["query", "--local", directory.Combine("q.json")], directory.Path);

        Assert.That(exitCode, Is.Zero, output);
        var expected = Expected(data, ByModality).Table;
        var ct = expected.Rows.Single(r => r.Groups[0] == "CT");
        Assert.That(output, Does.Match($@"CT\s+{ct.Cells[0].Value}\s+{ct.Cells[1].Value}"));
        Assert.That(output, Does.Match(@"MR\s+<10 \(suppressed\)\s+<10 \(suppressed\)"));
        Assert.That(output, Does.Contain("no ε was spent, no audit record was written"));
        Assert.That(Directory.Exists(Path.Combine(data, "audit")), Is.False);
        Assert.That(File.Exists(Path.Combine(data, PrivacyLedger.FileName)), Is.False);
    }

    [Test]
    public async Task QueryLocal_IndexOpenByTheAgent_StillAnswers()
    {
        using var directory = new TempDirectory("cli-query");
        var data = Path.Combine(directory.Path, "data");
        LocalData.Create(data);
        await File.WriteAllTextAsync(directory.Combine("q.json"), """{"measures":["series"]}""");
        using var running = LiteDbInstanceIndex.OpenInDirectory(data);

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["query", "--local", directory.Combine("q.json")], directory.Path);

        Assert.That(exitCode, Is.Zero, output);
        // 43 series, noised and rounded under this test's own (random) site secret.
        var expected = Expected(data, """{"measures":["series"]}""").Table.Rows.Single().Cells[0].Value;
        Assert.That(expected, Is.EqualTo(40).Or.EqualTo(45));
        Assert.That(output, Does.Match($@"series\s*\n-+\s*\n\s*{expected}\b"));
    }

    [Test]
    public async Task QueryLocal_RequesterWithoutBudget_SaysTheHubWouldBeRefusedAndSpendsNothing()
    {
        using var directory = new TempDirectory("cli-query");
        var data = Path.Combine(directory.Path, "data");
        LocalData.Create(data);
        using (var ledger = PrivacyLedger.OpenInDirectory(data))
        {
            ledger.Charge("hub-a", "q0", 1.0, DateTimeOffset.UtcNow);
        }

        await File.WriteAllTextAsync(directory.Combine("q.json"), ByModality);
        var settings = new Dictionary<string, string> { ["NodeAgent__Disclosure__DifferentialPrivacy"] = "true" };

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["query", "--local", directory.Combine("q.json"), "--requester", "hub-a"], directory.Path, settings);
        var (_, other) = await AgentProcess.RunToEndAsync(["query", "--local", directory.Combine("q.json"), "--requester", "hub-b"], directory.Path, settings);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Requester hub-a: ε 0 of 1 left."));
        Assert.That(output, Does.Contain("Requester hub-a: the hub would be refused (epsilon-exhausted)"));
        Assert.That(other, Does.Contain("Requester hub-b: ε 1 of 1 left.").And.Contain("Requester hub-b: the hub would get this answer."));
        using var after = PrivacyLedger.OpenInDirectory(data);
        Assert.That(after.Spent("hub-b", DateTimeOffset.UtcNow, TimeSpan.FromDays(30)), Is.Zero);
    }

    [Test]
    public async Task QueryLocal_InvalidQuery_ExitsTwoWithTheRule()
    {
        using var directory = new TempDirectory("cli-query");
        LocalData.Create(Path.Combine(directory.Path, "data"));
        await File.WriteAllTextAsync(directory.Combine("q.json"), """{"groupBy":["shoe_size"],"measures":["patients"]}""");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["query", "--local", directory.Combine("q.json")], directory.Path);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("invalid query").And.Contain("Unknown dimension \"shoe_size\""));
    }

    [Test]
    public async Task Query_WithoutLocal_UsageError()
    {
        using var directory = new TempDirectory("cli-query");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["query"], directory.Path);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("query needs --local FILE"));
    }

    private static QueryPreview Expected(string data, string json)
    {
        var key = SiteSecret.Load(data).DeriveKey("cell-key");
        using var index = LiteDbInstanceIndex.Open(Path.Combine(data, LiteDbInstanceIndex.FileName), readOnly: true);
        using var table = RollupTable.Load(index, DisclosureKeys.PatientSet(key));
        return QueryService.Preview(table, new DisclosurePolicy(new DisclosureOptions()), key, QueryJson.Parse(json), null, null, DateTimeOffset.UtcNow);
    }
}
