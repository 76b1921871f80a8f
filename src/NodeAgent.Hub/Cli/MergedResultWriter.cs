using System.Globalization;
using NodeAgent.Hub.Queries;

namespace NodeAgent.Hub.Cli;

/// <summary>Prints a merged result: the table (suppressed cells marked, e.g. "25 + &lt;10"), then each node's outcome.</summary>
internal static class MergedResultWriter
{
    public static void Write(TextWriter writer, MergedResult result)
    {
        var answered = result.Nodes.Count(n => n.Status == "answered");
        writer.WriteLine($"query {result.QueryId}: {answered} of {result.Nodes.Count} node(s) answered");
        writer.WriteLine();
        TextTable.Write(writer, [.. result.GroupBy, .. result.Measures], result.Rows.Select(r => (IReadOnlyList<string>)[.. r.Groups, .. r.Cells.Select(c => c.Display)]));
        writer.WriteLine();
        TextTable.Write(writer, ["node", "status", "detail"], result.Nodes.Select(n => (IReadOnlyList<string>)
        [
            n.NodeId,
            n.Status,
            n.Status switch
            {
                "answered" => $"policy {n.PolicyHash}, ε {n.EpsilonSpent.ToString("0.###", CultureInfo.InvariantCulture)}",
                "refused" => $"{n.Code}: {n.Reason}",
                _ => n.Reason ?? "",
            },
        ]));
        if (result.Rows.Any(r => r.Cells.Any(c => c.SuppressedLabels.Count > 0)))
        {
            writer.WriteLine();
            writer.WriteLine("A cell \"N + <k\" is the sum over the nodes that released it plus nodes that suppressed a small count.");
        }
    }
}
