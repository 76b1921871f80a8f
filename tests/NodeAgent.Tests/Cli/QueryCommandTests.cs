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
        Assert.That(output, Does.Match(@"series\s*\n-+\s*\n\s*45\b"));
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
