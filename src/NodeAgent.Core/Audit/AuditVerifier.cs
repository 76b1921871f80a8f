using System.Text;
using System.Text.Json;

namespace NodeAgent.Core.Audit;

/// <summary>
/// Walks the audit log line by line: each line must carry a hash of its own content, sequence number = line number,
/// and the previous line's hash as prevHash; the head file must name the last record (or the one before it, after a
/// crash between the two writes). The first line that breaks a rule is named with why.
/// </summary>
internal static class AuditVerifier
{
    public static AuditVerification Verify(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return new AuditVerification(0, null, null);
        }

        // Shared for writing: `nodeagent audit verify` runs beside the agent, which holds the log open for appends.
        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }

        var lines = SplitLines(bytes, out var tornAt);
        long line = 0;
        var previous = AuditRecordFormat.Genesis;
        foreach (var text in lines)
        {
            line++;
            if (!AuditRecordFormat.TrySplit(text, out var canonical, out var stored))
            {
                return Bad(line, "it is not an audit record (no hash at its end)");
            }

            if (AuditRecordFormat.HashOf(canonical) != stored)
            {
                return Bad(line, "its content does not match its hash (the record was edited)");
            }

            long sequence;
            string? prevHash;
            try
            {
                using var document = JsonDocument.Parse(canonical);
                sequence = document.RootElement.GetProperty("seq").GetInt64();
                prevHash = document.RootElement.GetProperty("prevHash").GetString();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return Bad(line, "it is not valid audit JSON");
            }

            if (sequence != line)
            {
                return Bad(line, $"it holds record {sequence} where record {line} belongs (records were removed, inserted or reordered)");
            }

            if (prevHash != previous)
            {
                return Bad(line, line == 1
                    ? "it does not start the chain (earlier records were removed)"
                    : $"its prevHash is not the hash of line {line - 1} (line {line - 1} was rewritten, or a record between them removed)");
            }

            previous = stored;
        }

        if (tornAt)
        {
            return Bad(line + 1, "it is incomplete (a write was torn by a crash; the agent moves it aside on start)");
        }

        var head = AuditLog.ReadHead(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (head is { } h && (h.Sequence > line || h.Sequence == line && h.Hash != previous))
        {
            return Bad(line + 1, $"the log ends at record {line} but its head names record {h.Sequence} (records were removed from the end)");
        }

        return new AuditVerification(line, null, null);

        AuditVerification Bad(long at, string why) => new(at - 1, at, $"line {at}: {why}");
    }

    private static List<string> SplitLines(byte[] bytes, out bool torn)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lines.Add(Encoding.UTF8.GetString(bytes, start, i - start));
                start = i + 1;
            }
        }

        torn = start < bytes.Length;
        return lines;
    }
}
