using NodeAgent.Federation.Contract;
using NodeAgent.Federation.Link;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Link;

public sealed class OutboxTests
{
    [Test]
    public void Store_Reopened_PendingUntilAcknowledgedAndKeptAfter()
    {
        using var directory = new TempDirectory("outbox");
        var path = directory.Combine("outbox.db");
        var now = DateTimeOffset.UtcNow;
        using (var outbox = new Outbox(path))
        {
            outbox.Store(Result("q1", 5), now);
            outbox.Store(Result("q2", 7), now.AddSeconds(1));
        }

        using (var reopened = new Outbox(path))
        {
            Assert.That(reopened.Pending().Select(r => r.QueryId), Is.EqualTo(new[] { "q1", "q2" }));
            Assert.That(reopened.MarkAcknowledged("q1", now), Is.True);
            Assert.That(reopened.MarkAcknowledged("q1", now), Is.False, "a second ack changes nothing");
        }

        using var again = new Outbox(path);
        Assert.Multiple(() =>
        {
            Assert.That(again.Pending().Select(r => r.QueryId), Is.EqualTo(new[] { "q2" }));
            Assert.That(again.TryGet("q1", out var stored, out var acked), Is.True);
            Assert.That(acked, Is.True);
            Assert.That(stored!.Table.Rows[0].Cells[0].Value, Is.EqualTo(5));
        });
    }

    [Test]
    public void Store_SameQueryIdTwice_KeepsTheFirstResult()
    {
        using var directory = new TempDirectory("outbox");
        using var outbox = new Outbox(directory.Combine("outbox.db"));
        outbox.Store(Result("q1", 5), DateTimeOffset.UtcNow);
        var kept = outbox.Store(Result("q1", 99), DateTimeOffset.UtcNow);
        Assert.That(kept.Table.Rows[0].Cells[0].Value, Is.EqualTo(5));
    }

    [Test]
    public void PruneAcknowledged_OldAcknowledged_RemovedPendingKept()
    {
        using var directory = new TempDirectory("outbox");
        using var outbox = new Outbox(directory.Combine("outbox.db"));
        var old = DateTimeOffset.UtcNow.AddDays(-40);
        outbox.Store(Result("acked", 1), old);
        outbox.Store(Result("pending", 2), old);
        outbox.MarkAcknowledged("acked", old);
        Assert.Multiple(() =>
        {
            Assert.That(outbox.PruneAcknowledged(DateTimeOffset.UtcNow.AddDays(-30)), Is.EqualTo(1));
            Assert.That(outbox.TryGet("acked", out _, out _), Is.False);
            Assert.That(outbox.Pending().Single().QueryId, Is.EqualTo("pending"));
        });
    }

    private static QueryResult Result(string id, long value)
    {
        var table = new ReleasedTable();
        table.Measures.Add(Measure.Patients);
        var row = new ReleasedRow();
        row.Cells.Add(new ReleasedCell { Value = value });
        table.Rows.Add(row);
        return new QueryResult { QueryId = id, PolicyHash = "p", Table = table };
    }
}
