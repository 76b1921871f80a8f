namespace NodeAgent.Hub.Queries;

/// <summary>A federated query's merged answer: the table summed over the nodes that answered, and every node's outcome.</summary>
public sealed record MergedResult(
    string QueryId,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<string> Measures,
    IReadOnlyList<MergedRow> Rows,
    IReadOnlyList<NodeOutcome> Nodes);
