using NodeAgent.Core.Audit;
using NodeAgent.Core.Query;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Cli;

[TestFixture]
public sealed class AuditCommandTests
{
    [Test]
    public async Task AuditVerify_CleanLog_ExitsZero()
    {
        using var directory = new TempDirectory("cli-audit");
        await WriteLogAsync(directory, 3);

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["audit", "verify"], directory.Path);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("3 records, chain intact"));
    }

    [Test]
    public async Task AuditVerify_EditedRecord_ExitsOneNamingIt()
    {
        using var directory = new TempDirectory("cli-audit");
        var path = await WriteLogAsync(directory, 3);
        var lines = await File.ReadAllLinesAsync(path);
        lines[1] = lines[1].Replace("\"cells\":[", "\"cells\":[5", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["audit", "verify"], directory.Path);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("BROKEN at line 2: its content does not match its hash"));
    }

    [Test]
    public async Task AuditExport_Since_WritesTheLaterRecordsToTheFile()
    {
        using var directory = new TempDirectory("cli-audit");
        await WriteLogAsync(directory, 2);
        var output = directory.Combine("export.jsonl");

        var (exitCode, text) = await AgentProcess.RunToEndAsync(["audit", "export", "--since", "2000-01-01", "--output", output], directory.Path);
        var (_, none) = await AgentProcess.RunToEndAsync(["audit", "export", "--since", "2999-01-01"], directory.Path);

        Assert.That(exitCode, Is.Zero, text);
        Assert.That(text, Does.Contain("exported 2 audit records"));
        Assert.That(await File.ReadAllLinesAsync(output), Has.Length.EqualTo(2));
        Assert.That(none, Does.Contain("exported 0 audit records"));
    }

    [Test]
    public async Task AuditExport_BadDate_UsageError()
    {
        using var directory = new TempDirectory("cli-audit");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["audit", "export", "--since", "yesterday"], directory.Path);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--since 'yesterday' is not a date"));
    }

    private static async Task<string> WriteLogAsync(TempDirectory directory, int records)
    {
        using var log = AuditLog.OpenInDataDirectory(Path.Combine(directory.Path, "data"), TimeProvider.System);
        for (var i = 1; i <= records; i++)
        {
            var table = new ReleasedTable(["modality"], [QueryMeasure.Patients], [new ReleasedRow(["CT"], [new ReleasedCell(40, false, null)])]);
            await log.AppendAsync(new AuditEntry($"q{i}", "hub-a", "{\"measures\":[\"patients\"]}", new string('b', 64), QueryOutcomeKind.Answered, null, null, table, 0), CancellationToken.None);
        }

        return log.Path;
    }
}
