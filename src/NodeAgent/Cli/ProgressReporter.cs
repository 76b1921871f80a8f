namespace NodeAgent.Cli;

/// <summary>A one-line progress bar with the rate, redrawn a few times a second on a terminal; silent when redirected.</summary>
internal sealed class ProgressReporter : IDisposable
{
    private const int Width = 30;
    private readonly SendTally _tally;
    private readonly TextWriter _writer;
    private readonly Timer? _timer;

    public ProgressReporter(SendTally tally, TextWriter writer)
    {
        _tally = tally;
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
        var done = _tally.Done;
        var filled = _tally.Total == 0 ? Width : done * Width / _tally.Total;
        _writer.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{_tally.Total} {_tally.Rate:0.0} images/s ");
    }
}
