using System.Collections.Concurrent;
using System.Diagnostics;

namespace NodeAgent.Cli;

/// <summary>Counts of a send by outcome, safe to update from several associations at once.</summary>
internal sealed class SendTally(int total, IReadOnlyList<string> unreadable)
{
    private readonly ConcurrentDictionary<string, int> _byStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _comments = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int _done;
    private int _failed;

    public int Total => total;

    public int Done => Volatile.Read(ref _done);

    public double Rate => Done / Math.Max(_watch.Elapsed.TotalSeconds, 0.001);

    public bool AllSucceeded => Volatile.Read(ref _failed) == 0 && unreadable.Count == 0;

    public void Record(string status, bool succeeded, string? comment)
    {
        _byStatus.AddOrUpdate(status, 1, (_, count) => count + 1);
        if (!succeeded)
        {
            Interlocked.Increment(ref _failed);
            if (!string.IsNullOrEmpty(comment) && _comments.Count < 10)
            {
                _comments.Enqueue(comment);
            }
        }

        Interlocked.Increment(ref _done);
    }

    public void PrintSummary(TextWriter writer)
    {
        var seconds = _watch.Elapsed.TotalSeconds;
        writer.WriteLine($"Sent {Done} of {total} files in {seconds:0.0} s ({Rate:0.0} images/s); {Done - _failed} succeeded, {_failed} failed, {unreadable.Count} unreadable");
        foreach (var (status, count) in _byStatus.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteLine($"  {status}: {count}");
        }

        foreach (var comment in _comments.Distinct())
        {
            writer.WriteLine($"  error comment: {comment}");
        }

        foreach (var file in unreadable.Take(20))
        {
            writer.WriteLine($"  unreadable: {file}");
        }
    }
}
