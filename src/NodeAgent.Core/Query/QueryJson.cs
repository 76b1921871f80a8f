using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NodeAgent.Core.Query;

/// <summary>
/// The JSON form of a query (QUERY-API.md): <c>{"where": F, "groupBy": [..], "measures": [..]}</c> with filters
/// <c>{"and":[F..]}</c>, <c>{"or":[F..]}</c>, <c>{"eq":[dim,value]}</c>, <c>{"in":[dim,[values..]]}</c> and
/// <c>{"range":[dim,min|null,max|null]}</c>. Parsing is strict: an unknown key or a wrong shape is refused.
/// </summary>
public static class QueryJson
{
    /// <summary>Parses and validates a query.</summary>
    /// <exception cref="QueryValidationException">The text is not a valid query; the message says why.</exception>
    public static FederatedQuery Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetByteCount(json) > QueryLimits.MaxJsonBytes)
        {
            throw new QueryValidationException($"The query is larger than {QueryLimits.MaxJsonBytes / 1024} KiB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new QueryValidationException($"The query is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var query = QueryJsonReader.ReadQuery(document.RootElement);
            QueryValidator.Validate(query);
            return query;
        }
    }

    /// <summary>Writes the JSON form (operands and values in the query's own order).</summary>
    public static string Serialize(FederatedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, query, sorted: false);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a query; <paramref name="sorted"/> gives the canonical form (see <see cref="CanonicalQuery"/>).</summary>
    internal static void Write(Utf8JsonWriter writer, FederatedQuery query, bool sorted)
    {
        writer.WriteStartObject();
        if (query.Where is not null)
        {
            writer.WritePropertyName("where");
            WriteFilter(writer, query.Where, sorted);
        }

        writer.WriteStartArray("groupBy");
        foreach (var name in sorted ? query.GroupBy.Order(StringComparer.Ordinal) : (IEnumerable<string>)query.GroupBy)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("measures");
        foreach (var measure in sorted ? query.Measures.Order() : (IEnumerable<QueryMeasure>)query.Measures)
        {
            writer.WriteStringValue(MeasureName(measure));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The JSON name of a measure.</summary>
    public static string MeasureName(QueryMeasure measure) => measure switch
    {
        QueryMeasure.Patients => "patients",
        QueryMeasure.Studies => "studies",
        QueryMeasure.Series => "series",
        QueryMeasure.Instances => "instances",
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure."),
    };

    private static void WriteFilter(Utf8JsonWriter writer, QueryFilter filter, bool sorted)
    {
        writer.WriteStartObject();
        switch (filter)
        {
            case AllOf all:
                WriteOperands(writer, "and", all.Filters, sorted);
                break;
            case AnyOf any:
                WriteOperands(writer, "or", any.Filters, sorted);
                break;
            case EqualsFilter eq:
                writer.WriteStartArray("eq");
                writer.WriteStringValue(eq.Dimension);
                writer.WriteStringValue(sorted ? CanonicalValue(eq.Dimension, eq.Value) : eq.Value);
                writer.WriteEndArray();
                break;
            case InFilter @in:
                writer.WriteStartArray("in");
                writer.WriteStringValue(@in.Dimension);
                writer.WriteStartArray();
                var values = sorted
                    ? @in.Values.Select(v => CanonicalValue(@in.Dimension, v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    : (IEnumerable<string>)@in.Values;
                foreach (var value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
                writer.WriteEndArray();
                break;
            case RangeFilter range:
                writer.WriteStartArray("range");
                writer.WriteStringValue(range.Dimension);
                WriteBound(writer, range.Min);
                WriteBound(writer, range.Max);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unknown filter type {filter.GetType().Name}.", nameof(filter));
        }

        writer.WriteEndObject();
    }

    private static void WriteOperands(Utf8JsonWriter writer, string name, IReadOnlyList<QueryFilter> filters, bool sorted)
    {
        writer.WriteStartArray(name);
        if (sorted)
        {
            // Operands sorted by their own canonical text, so any reordering of AND/OR operands is the same query.
            foreach (var text in filters.Select(CanonicalFilter).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                writer.WriteRawValue(text, skipInputValidation: true);
            }
        }
        else
        {
            foreach (var operand in filters)
            {
                WriteFilter(writer, operand, sorted: false);
            }
        }

        writer.WriteEndArray();
    }

    private static string CanonicalFilter(QueryFilter filter)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteFilter(writer, filter, sorted: true);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteBound(Utf8JsonWriter writer, double? bound)
    {
        if (bound is { } value)
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    // A numeric dimension's value "512.0" and "512" are the same filter: the canonical form writes the number's
    // shortest round-trip text.
    private static string CanonicalValue(string dimension, string value) =>
        QueryDimensions.TryGet(dimension, out var d) && d.Kind == DimensionKind.Numeric
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : value;
}
