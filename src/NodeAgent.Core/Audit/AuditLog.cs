using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Core.Storage;

namespace NodeAgent.Core.Audit;

/// <summary>
/// The append-only, hash-chained audit log <c>&lt;data&gt;/audit/audit.jsonl</c> (DESIGN decision 5): one JSON line per
/// query, answered or refused, each carrying the hash of the one before. Every append is fsync'd before it returns
/// and appends are serialised. Beside it, <c>audit.head</c> holds the last sequence number and hash (replaced
/// atomically after each append), so removing records from the end is detected too. On open, a torn last line (a
/// crash during an append, whose answer therefore never left the node) is moved to <c>audit.jsonl.torn-…</c>, logged
/// and reported by <see cref="RecoveredTornTail"/>; a log whose end disagrees with its head is refused.
/// </summary>
public sealed class AuditLog : IDisposable
{
    /// <summary>The directory under the data directory.</summary>
    public const string DirectoryName = "audit";

    /// <summary>The log's file name.</summary>
    public const string FileName = "audit.jsonl";

    /// <summary>The head file's name.</summary>
    public const string HeadFileName = "audit.head";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _stream;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private long _sequence;
    private string _lastHash;

    private AuditLog(string directory, FileStream stream, long sequence, string lastHash, string? tornFile, TimeProvider time)
    {
        _directory = directory;
        _stream = stream;
        _sequence = sequence;
        _lastHash = lastHash;
        RecoveredTornTail = tornFile;
        _time = time;
    }

    /// <summary>The log file's path.</summary>
    public string Path => System.IO.Path.Combine(_directory, FileName);

    /// <summary>The sequence number of the last record (0 for an empty log).</summary>
    public long LastSequence => Interlocked.Read(ref _sequence);

    /// <summary>When opening found a torn last line: the file its bytes were moved to; otherwise null.</summary>
    public string? RecoveredTornTail { get; }

    /// <summary>Opens the log in <c>&lt;data&gt;/audit</c>, creating it when missing, and continues its chain.</summary>
    /// <exception cref="AuditLogException">The last record cannot be read, or records were removed from the end.</exception>
    public static AuditLog OpenInDataDirectory(string dataDirectory, TimeProvider time, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Open(System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), DirectoryName), time, logger);
    }

    /// <summary>Opens the log in the directory, creating it when missing, and continues its chain.</summary>
    /// <exception cref="AuditLogException">The last record cannot be read, or records were removed from the end.</exception>
    public static AuditLog Open(string directory, TimeProvider time, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);
        logger ??= NullLogger.Instance;
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            var torn = CutTornTail(stream, path, time);
            if (torn is not null)
            {
                CoreLog.AuditTornTail(logger, torn);
            }

            var (sequence, hash) = ReadLast(stream);
            var head = ReadHead(directory);
            if (head is { } h && (h.Sequence > sequence || h.Sequence == sequence && h.Hash != hash))
            {
                throw new AuditLogException(
                    $"The audit log ends at record {sequence}, but its head names record {h.Sequence}: records were removed or replaced. Run 'nodeagent audit verify'.");
            }

            stream.Seek(0, SeekOrigin.End);
            return new AuditLog(directory, stream, sequence, hash, torn, time);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends a record, fsync'd, and returns its sequence number and hash.</summary>
    public async Task<(long Sequence, string Hash)> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequence = _sequence + 1;
            var (line, hash) = AuditRecordFormat.Compose(sequence, _time.GetUtcNow(), entry, _lastHash);
            // Not cancellable from here on: a record half-written because the caller gave up would tear the log.
            await _stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
            _stream.Flush(flushToDisk: true);
            WriteHead(sequence, hash);
            _lastHash = hash;
            Interlocked.Exchange(ref _sequence, sequence);
            return (sequence, hash);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks every record of the log at the path and its head; names the first bad record.</summary>
    public static AuditVerification Verify(string path) => AuditVerifier.Verify(path);

    /// <summary>Copies the records at or after <paramref name="since"/> (all when null), as JSON lines, to the writer.</summary>
    /// <returns>How many records were written.</returns>
    public static long Export(string path, DateTimeOffset? since, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long written = 0;
        if (!File.Exists(path))
        {
            return 0;
        }

        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (since is { } from && (!TryTime(line, out var time) || time < from))
            {
                continue;
            }

            output.WriteLine(line);
            written++;
        }

        return written;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream.Dispose();
        _gate.Dispose();
    }

    private static bool TryTime(string line, out DateTimeOffset time)
    {
        time = default;
        try
        {
            using var document = JsonDocument.Parse(line);
            return DateTimeOffset.TryParse(document.RootElement.GetProperty("time").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? CutTornTail(FileStream stream, string path, TimeProvider time)
    {
        var length = stream.Length;
        if (length == 0 || LastByte(stream, length - 1) == '\n')
        {
            return null;
        }

        var end = FindLastNewline(stream, length - 1);
        var tornLength = length - (end + 1);
        var tornPath = $"{path}.torn-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        var torn = new byte[tornLength];
        stream.Seek(end + 1, SeekOrigin.Begin);
        stream.ReadExactly(torn);
        File.WriteAllBytes(tornPath, torn);
        stream.SetLength(end + 1);
        stream.Flush(flushToDisk: true);
        return tornPath;
    }

    private static (long Sequence, string Hash) ReadLast(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return (0, AuditRecordFormat.Genesis);
        }

        var start = FindLastNewline(stream, length - 2) + 1;
        var bytes = new byte[length - 1 - start];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        var line = Encoding.UTF8.GetString(bytes);
        if (!AuditRecordFormat.TrySplit(line, out var canonical, out var stored) || AuditRecordFormat.HashOf(canonical) != stored)
        {
            throw new AuditLogException("The last record of the audit log is damaged; it cannot be continued. Run 'nodeagent audit verify'.");
        }

        try
        {
            using var document = JsonDocument.Parse(canonical);
            return (document.RootElement.GetProperty("seq").GetInt64(), stored);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AuditLogException("The last record of the audit log has no sequence number. Run 'nodeagent audit verify'.", e);
        }
    }

    private static int LastByte(FileStream stream, long at)
    {
        stream.Seek(at, SeekOrigin.Begin);
        return stream.ReadByte();
    }

    // The position of the last '\n' at or before `from`, or -1.
    private static long FindLastNewline(FileStream stream, long from)
    {
        var buffer = new byte[8192];
        var end = from + 1;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, count);
            var at = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (at >= 0)
            {
                return start + at;
            }

            end = start;
        }

        return -1;
    }

    internal static (long Sequence, string Hash)? ReadHead(string directory)
    {
        var path = System.IO.Path.Combine(directory, HeadFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return (document.RootElement.GetProperty("seq").GetInt64(), document.RootElement.GetProperty("hash").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AuditLogException($"The audit head file {HeadFileName} is damaged.", e);
        }
    }

    private void WriteHead(long sequence, string hash)
    {
        var path = System.IO.Path.Combine(_directory, HeadFileName);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes($"{{\"seq\":{sequence.ToString(CultureInfo.InvariantCulture)},\"hash\":\"{hash}\"}}"));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(_directory);
    }
}
