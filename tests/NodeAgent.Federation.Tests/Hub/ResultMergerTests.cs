using Google.Protobuf.WellKnownTypes;
using NodeAgent.Federation.Contract;
using NodeAgent.Hub.Queries;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Hub;

public sealed class ResultMergerTests
{
    [Test]
    public void Merge_TwoNodes_SumsReleasedCellsAndKeepsSuppressedVisible()
    {
        var request = Request("modality");
        var a = Table(request, ("CT", Cell(25)), ("MR", Cell(10)));
        var b = Table(request, ("CT", Suppressed()), ("US", Cell(15)));
        var merged = ResultMerger.Merge(request, ["node-a", "node-b"], new Dictionary<string, QueryResult> { ["node-a"] = a, ["node-b"] = b }, new Dictionary<string, string>());
        var display = merged.Rows.ToDictionary(r => r.Groups[0], r => r.Cells[0].Display);
        Assert.Multiple(() =>
        {
            Assert.That(display, Is.EqualTo(new Dictionary<string, string> { ["CT"] = "25 + <10", ["MR"] = "10", ["US"] = "15" }));
            Assert.That(merged.Rows.Single(r => r.Groups[0] == "CT").Cells[0].Sum, Is.EqualTo(25), "a suppressed count is never added");
            Assert.That(merged.Nodes.Select(n => n.Status), Is.EqualTo(new[] { "answered", "answered" }));
        });
    }

    [Test]
    public void Merge_RefusedAndMissingNodes_ReportedPerNode()
    {
        var request = Request();
        var refused = new QueryResult { QueryId = request.QueryId, Refusal = new Refusal { Code = "epsilon-exhausted", Reason = "budget spent" } };
        var merged = ResultMerger.Merge(request, ["a", "b", "c"], new Dictionary<string, QueryResult> { ["a"] = Table(request, ([], Cell(40))), ["b"] = refused }, new Dictionary<string, string> { ["c"] = "not connected" });
        Assert.Multiple(() =>
        {
            Assert.That(merged.Nodes.Select(n => (n.NodeId, n.Status, n.Code)), Is.EqualTo(new[] { ("a", "answered", (string?)null), ("b", "refused", "epsilon-exhausted"), ("c", "timed-out", null) }));
            Assert.That(merged.Nodes[2].Reason, Is.EqualTo("not connected"));
            Assert.That(merged.Rows.Single().Cells.Single().Display, Is.EqualTo("40"));
        });
    }

    [Test]
    public void Display_OnlySuppressedFromTwoNodes_CountsThem()
    {
        var cell = new MergedCell(0, 0, ["<10", "<10"]);
        Assert.That(cell.Display, Is.EqualTo("2×<10"));
    }

    private static QueryRequest Request(params string[] groupBy)
    {
        var query = new Query();
        query.GroupBy.AddRange(groupBy);
        query.Measures.Add(Measure.Patients);
        return new QueryRequest { QueryId = "q1", Deadline = Timestamp.FromDateTime(DateTime.UtcNow), Query = query };
    }

    private static ReleasedCell Cell(long value) => new() { Value = value };

    private static ReleasedCell Suppressed() => new() { Suppressed = new Suppressed { Label = "<10" } };

    private static QueryResult Table(QueryRequest request, params (string Group, ReleasedCell Cell)[] rows) =>
        Table(request, [.. rows.Select(r => ((string[])[r.Group], r.Cell))]);

    private static QueryResult Table(QueryRequest request, params (string[] Groups, ReleasedCell Cell)[] rows)
    {
        var table = new ReleasedTable();
        table.GroupBy.AddRange(request.Query.GroupBy);
        table.Measures.AddRange(request.Query.Measures);
        foreach (var (groups, cell) in rows)
        {
            var row = new ReleasedRow();
            row.Groups.AddRange(groups);
            row.Cells.Add(cell);
            table.Rows.Add(row);
        }

        return new QueryResult { QueryId = request.QueryId, Table = table };
    }
}
