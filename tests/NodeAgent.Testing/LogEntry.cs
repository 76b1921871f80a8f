using Microsoft.Extensions.Logging;

namespace NodeAgent.Testing;

/// <summary>One message a <see cref="ListLogger"/> recorded.</summary>
/// <param name="Level">The level it was logged at.</param>
/// <param name="EventId">The event id (the <c>[LoggerMessage]</c> id).</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Level} [{EventId.Id}] {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}
