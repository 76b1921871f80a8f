using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NodeAgent.Core.Query;

/// <summary>
/// The canonical text of a query: its JSON form with AND/OR operands sorted (and duplicates dropped), IN values
/// sorted and distinct, group-by dimensions and measures sorted, numeric values in round-trip form. Reordered
/// equivalent queries have the same canonical text and hash; the cell-key noise and the audit log use it.
/// </summary>
public static class CanonicalQuery
{
    /// <summary>The canonical text.</summary>
    public static string Of(FederatedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            QueryJson.Write(writer, query, sorted: true);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The lower-case hex SHA-256 of the canonical text.</summary>
    public static string Hash(FederatedQuery query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Of(query))));
}
