using Microsoft.Extensions.Logging;

namespace NodeAgent.Testing;

/// <summary>
/// An <see cref="ILogger"/> that records every message, for tests that check what a component logged (one line per
/// association, no patient data). Safe to log to from many threads at once.
/// </summary>
public sealed class ListLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];

    /// <summary>The messages recorded so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The recorded messages with this event id, oldest first.</summary>
    public IReadOnlyList<LogEntry> WithEventId(int eventId) => [.. Entries.Where(entry => entry.EventId.Id == eventId)];

    /// <summary>Every recorded message, one per line, for assertion messages.</summary>
    public string Dump() => string.Join(Environment.NewLine, Entries);

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var entry = new LogEntry(logLevel, eventId, formatter(state, exception), exception);
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
