using System.Text;
using NodeAgent.Core.Audit;
using NodeAgent.Core.Query;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Audit;

[TestFixture]
public sealed class AuditLogTests
{
    private const int Records = 6;

    [Test]
    public async Task Verify_CleanLog_Clean()
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, Records);

        var result = AuditLog.Verify(path);

        Assert.That(result.IsClean, Is.True, result.Problem);
        Assert.That(result.Records, Is.EqualTo(Records));
    }

    [Test]
    public void Verify_NoLogYet_Clean()
    {
        using var data = new TempDirectory("audit");

        Assert.That(AuditLog.Verify(data.Combine("audit", AuditLog.FileName)).IsClean, Is.True);
    }

    [Test]
    public async Task Verify_AnyRecordEdited_NamesIt([Range(1, Records)] int line)
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, Records);
        var lines = File.ReadAllLines(path);
        lines[line - 1] = lines[line - 1].Replace("hub-a", "hub-b", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var result = AuditLog.Verify(path);

        Assert.That(result.BadLine, Is.EqualTo(line));
        Assert.That(result.Problem, Does.Contain("edited"));
    }

    [Test]
    public async Task Verify_AnyRecordDeleted_NamesTheLineWhereItWas([Range(1, Records)] int line)
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, Records);
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(line - 1);
        File.WriteAllLines(path, lines);

        var result = AuditLog.Verify(path);

        Assert.That(result.BadLine, Is.EqualTo(line));
        Assert.That(result.Problem, Does.Contain("removed"));
    }

    [Test]
    public async Task Verify_AnyTwoNeighboursSwapped_NamesTheFirst([Range(1, Records - 1)] int line)
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, Records);
        var lines = File.ReadAllLines(path);
        (lines[line - 1], lines[line]) = (lines[line], lines[line - 1]);
        File.WriteAllLines(path, lines);

        var result = AuditLog.Verify(path);

        Assert.That(result.BadLine, Is.EqualTo(line));
        Assert.That(result.Problem, Does.Contain("reordered"));
    }

    [Test]
    public async Task Verify_RecordInserted_NamesIt()
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, Records);
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(3, lines[1]);
        File.WriteAllLines(path, lines);

        Assert.That(AuditLog.Verify(path).BadLine, Is.EqualTo(4));
    }

    [Test]
    public async Task Verify_RecordRewrittenWithAFreshHash_NamesTheNextLine()
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, Records);
        var lines = File.ReadAllLines(path);
        // A forger who recomputes the edited record's own hash still breaks the link to the next record.
        Assert.That(AuditRecordFormat.TrySplit(lines[2], out var canonical, out _), Is.True);
        var forged = Encoding.UTF8.GetString(canonical).Replace("hub-a", "hub-x", StringComparison.Ordinal);
        lines[2] = forged[..^1] + ",\"hash\":\"" + AuditRecordFormat.HashOf(Encoding.UTF8.GetBytes(forged)) + "\"}";
        File.WriteAllLines(path, lines);

        var result = AuditLog.Verify(path);

        Assert.That(result.BadLine, Is.EqualTo(4));
        Assert.That(result.Problem, Does.Contain("line 3 was rewritten"));
    }

    [Test]
    public async Task Verify_LastRecordRemoved_DetectedThroughTheHead()
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, Records);
        File.WriteAllLines(path, File.ReadAllLines(path)[..^1]);

        var result = AuditLog.Verify(path);

        Assert.That(result.BadLine, Is.EqualTo(Records));
        Assert.That(result.Problem, Does.Contain("removed from the end"));
        Assert.Throws<AuditLogException>(() => AuditLog.OpenInDataDirectory(data.Path, TimeProvider.System).Dispose());
    }

    [Test]
    public async Task Open_ExistingLog_ContinuesTheChain()
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, 3);

        using (var log = AuditLog.OpenInDataDirectory(data.Path, new ManualTimeProvider()))
        {
            Assert.That(log.LastSequence, Is.EqualTo(3));
            var (sequence, _) = await log.AppendAsync(Entry(4), CancellationToken.None);
            Assert.That(sequence, Is.EqualTo(4));
        }

        var result = AuditLog.Verify(path);
        Assert.That(result.IsClean, Is.True, result.Problem);
        Assert.That(result.Records, Is.EqualTo(4));
    }

    [Test]
    public async Task Open_TornLastLine_MovedAsideReportedAndTheChainContinues()
    {
        using var data = new TempDirectory("audit");
        var path = await WriteAsync(data, 3);
        await File.AppendAllTextAsync(path, "{\"seq\":4,\"time\":\"2026-");
        Assert.That(AuditLog.Verify(path).Problem, Does.Contain("line 4: it is incomplete"));

        using (var log = AuditLog.OpenInDataDirectory(data.Path, new ManualTimeProvider()))
        {
            Assert.That(log.RecoveredTornTail, Is.Not.Null);
            Assert.That(File.ReadAllText(log.RecoveredTornTail!), Is.EqualTo("{\"seq\":4,\"time\":\"2026-"));
            await log.AppendAsync(Entry(4), CancellationToken.None);
        }

        Assert.That(AuditLog.Verify(path).IsClean, Is.True);
    }

    [Test]
    public async Task AppendAsync_Concurrently_OneUnbrokenChain()
    {
        using var data = new TempDirectory("audit");
        using (var log = AuditLog.OpenInDataDirectory(data.Path, TimeProvider.System))
        {
            await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(() => log.AppendAsync(Entry(i), CancellationToken.None))));
        }

        var result = AuditLog.Verify(data.Combine("audit", AuditLog.FileName));
        Assert.That(result.IsClean, Is.True, result.Problem);
        Assert.That(result.Records, Is.EqualTo(40));
    }

    [Test]
    public async Task Export_Since_OnlyLaterRecords()
    {
        using var data = new TempDirectory("audit");
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using (var log = AuditLog.OpenInDataDirectory(data.Path, time))
        {
            for (var i = 1; i <= 5; i++)
            {
                await log.AppendAsync(Entry(i), CancellationToken.None);
                time.Advance(TimeSpan.FromDays(1));
            }
        }

        using var output = new StringWriter();
        var written = AuditLog.Export(data.Combine("audit", AuditLog.FileName), new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), output);

        Assert.That(written, Is.EqualTo(3));
        Assert.That(output.ToString(), Does.StartWith("{\"seq\":3,\"time\":\"2026-03-03T00:00:00.0000000Z\""));
    }

    internal static AuditEntry Entry(int i) => new(
        $"q{i}",
        "hub-a",
        "{\"groupBy\":[\"modality\"],\"measures\":[\"patients\"]}",
        new string('a', 64),
        i % 3 == 0 ? QueryOutcomeKind.Refused : QueryOutcomeKind.Answered,
        i % 3 == 0 ? "differencing" : null,
        i % 3 == 0 ? "too close" : null,
        i % 3 == 0 ? null : new ReleasedTable(["modality"], [QueryMeasure.Patients], [new ReleasedRow(["CT"], [new ReleasedCell(20 + i * 5, false, null)]), new ReleasedRow(["MR"], [new ReleasedCell(null, true, "<10")])]),
        0);

    private static async Task<string> WriteAsync(TempDirectory data, int records)
    {
        using var log = AuditLog.OpenInDataDirectory(data.Path, new ManualTimeProvider());
        for (var i = 1; i <= records; i++)
        {
            await log.AppendAsync(Entry(i), CancellationToken.None);
        }

        return log.Path;
    }
}
