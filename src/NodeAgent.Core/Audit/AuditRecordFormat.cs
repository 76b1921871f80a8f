using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodeAgent.Core.Query;

namespace NodeAgent.Core.Audit;

/// <summary>
/// The byte form of one audit line. The canonical record is a JSON object with the fields in a fixed order and
/// <c>prevHash</c> last; its hash is the SHA-256 of exactly those UTF-8 bytes, and the line is the canonical record
/// with <c>,"hash":"…"</c> added before the closing brace. Verifying strips that suffix and rehashes the bytes, so it
/// never depends on re-serialising.
/// </summary>
internal static class AuditRecordFormat
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly byte[] HashPrefix = ",\"hash\":\""u8.ToArray();

    public static (byte[] Line, string Hash) Compose(long sequence, DateTimeOffset time, AuditEntry entry, string prevHash)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", sequence);
            writer.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("queryId", entry.QueryId);
            writer.WriteString("requester", entry.RequesterId);
            writer.WritePropertyName("query");
            if (entry.CanonicalQuery is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(entry.CanonicalQuery);
            }

            writer.WriteString("policyHash", entry.PolicyHash);
            writer.WriteString("outcome", entry.Kind == QueryOutcomeKind.Answered ? "answered" : "refused");
            writer.WriteString("refusalCode", entry.RefusalCode);
            writer.WriteString("refusalReason", entry.RefusalReason);
            writer.WritePropertyName("released");
            WriteTable(writer, entry.Table);
            writer.WriteNumber("epsilon", entry.EpsilonSpent);
            writer.WriteString("prevHash", prevHash);
            writer.WriteEndObject();
        }

        var canonical = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(canonical));
        var line = new byte[canonical.Length - 1 + HashPrefix.Length + hash.Length + 3];
        canonical.AsSpan(0, canonical.Length - 1).CopyTo(line);
        var at = canonical.Length - 1;
        HashPrefix.CopyTo(line.AsSpan(at));
        at += HashPrefix.Length;
        Encoding.ASCII.GetBytes(hash, line.AsSpan(at));
        at += hash.Length;
        "\"}\n"u8.CopyTo(line.AsSpan(at));
        return (line, hash);
    }

    /// <summary>Splits a line (without its newline) into its canonical record and stored hash; false when it has no hash suffix.</summary>
    public static bool TrySplit(string line, out byte[] canonical, out string storedHash)
    {
        canonical = [];
        storedHash = "";
        const int HexLength = 64;
        var suffixLength = HashPrefix.Length + HexLength + 2;
        if (line.Length < suffixLength + 2 || !line.EndsWith("\"}", StringComparison.Ordinal))
        {
            return false;
        }

        var prefixAt = line.Length - suffixLength;
        if (string.CompareOrdinal(line, prefixAt, ",\"hash\":\"", 0, HashPrefix.Length) != 0)
        {
            return false;
        }

        storedHash = line.Substring(prefixAt + HashPrefix.Length, HexLength);
        canonical = Encoding.UTF8.GetBytes(string.Concat(line.AsSpan(0, prefixAt), "}"));
        return true;
    }

    public static string HashOf(byte[] canonical) => Convert.ToHexStringLower(SHA256.HashData(canonical));

    private static void WriteTable(Utf8JsonWriter writer, ReleasedTable? table)
    {
        if (table is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteStartArray("groupBy");
        foreach (var name in table.GroupBy)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("measures");
        foreach (var measure in table.Measures)
        {
            writer.WriteStringValue(QueryJson.MeasureName(measure));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var row in table.Rows)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("groups");
            foreach (var group in row.Groups)
            {
                writer.WriteStringValue(group);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("cells");
            foreach (var cell in row.Cells)
            {
                if (cell.Suppressed)
                {
                    writer.WriteStringValue(cell.Label ?? "suppressed");
                }
                else
                {
                    writer.WriteNumberValue(cell.Value ?? 0);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
