using NodeAgent.Federation.Contract;
using NodeAgent.Federation.Link;

namespace NodeAgent.Federation.Tests.Support;

/// <summary>
/// Stands in for the query engine in the link tests (the engine has its own tests; the end-to-end test uses it):
/// answers every query with one released row, counts its runs and the refusals the link records, and can hold an
/// answer until released.
/// </summary>
public sealed class ScriptedResponder(long value = 25) : IQueryResponder
{
    private int _runs;
    private int _refusals;

    public string PolicyHash => "policy-test";

    public IReadOnlyList<string> Capabilities => ["query.v1"];

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Refusals the link recorded without running the query.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>When set, answers wait for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when a query starts running.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<QueryResult> AnswerAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        Started.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var table = new ReleasedTable();
        table.GroupBy.AddRange(request.Query.GroupBy);
        table.Measures.AddRange(request.Query.Measures);
        var row = new ReleasedRow();
        row.Groups.AddRange(request.Query.GroupBy.Select(_ => "CT"));
        row.Cells.AddRange(request.Query.Measures.Select((_, i) => i == 0 ? new ReleasedCell { Value = value } : new ReleasedCell { Suppressed = new Suppressed { Label = "<10" } }));
        table.Rows.Add(row);
        return new QueryResult { QueryId = request.QueryId, PolicyHash = PolicyHash, Table = table };
    }

    public Task<QueryResult> RefuseAsync(QueryRequest request, string code, string reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refusals);
        return Task.FromResult(new QueryResult { QueryId = request.QueryId, PolicyHash = PolicyHash, Refusal = new Refusal { Code = code, Reason = reason } });
    }
}
