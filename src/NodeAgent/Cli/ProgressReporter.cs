namespace NodeAgent.Cli;

/// <summary>
/// A one-line progress bar (done of total, and what the command adds, such as a rate), redrawn a few times a second
/// on a terminal; silent when redirected. Shared by the verbs that work through a known number of files.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private const int Width = 30;
    private readonly int _total;
    private readonly Func<int> _done;
    private readonly Func<string> _suffix;
    private readonly TextWriter _writer;
    private readonly Timer? _timer;

    public ProgressReporter(int total, Func<int> done, Func<string> suffix, TextWriter writer)
    {
        _total = total;
        _done = done;
        _suffix = suffix;
        _writer = writer;
        if (!Console.IsErrorRedirected)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        }
    }

    public void Finish()
    {
        _timer?.Dispose();
        if (_timer is not null)
        {
            Draw();
            _writer.WriteLine();
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Draw()
    {
        var done = _done();
        var filled = _total == 0 ? Width : Math.Min(done, _total) * Width / _total;
        _writer.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{_total} {_suffix()} ");
    }
}
