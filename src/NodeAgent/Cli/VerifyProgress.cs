namespace NodeAgent.Cli;

/// <summary>A one-line progress bar for <c>verify</c> on stderr, redrawn a few times a second on a terminal; silent when redirected.</summary>
internal sealed class VerifyProgress : IDisposable
{
    private const int Width = 30;
    private readonly int _total;
    private readonly TextWriter _writer;
    private readonly Timer? _timer;
    private int _done;

    public VerifyProgress(int total, TextWriter writer)
    {
        _total = total;
        _writer = writer;
        if (!Console.IsErrorRedirected)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        }
    }

    public void Advance() => Interlocked.Increment(ref _done);

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
        var done = Volatile.Read(ref _done);
        var filled = _total == 0 ? Width : done * Width / _total;
        _writer.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{_total} files verified ");
    }
}
