using System.Globalization;
using System.Text.Json;
using NodeAgent.Federation.Contract;

namespace NodeAgent.Hub.Queries;

/// <summary>
/// Reads the JSON form of a query (QUERY-API.md, the same form <c>nodeagent query --local</c> reads) into the
/// contract's <see cref="Query"/>. The hub checks the shape only; dimension names and values are the node's to judge.
/// </summary>
public static class QueryJsonParser
{
    private const int MaxDepth = 16;

    /// <summary>Parses a query; throws <see cref="QueryJsonException"/> naming the problem.</summary>
    public static Query Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new QueryJsonException($"the query is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new QueryJsonException("a query is a JSON object with \"measures\" and optional \"where\" and \"groupBy\"");
            }

            var query = new Query();
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "where":
                        query.Where = property.Value.ValueKind == JsonValueKind.Null ? null : Filter(property.Value, "where", 0);
                        break;
                    case "groupBy":
                        query.GroupBy.AddRange(Strings(property.Value, "groupBy"));
                        break;
                    case "measures":
                        query.Measures.AddRange(Strings(property.Value, "measures").Select(ParseMeasure));
                        break;
                    default:
                        throw new QueryJsonException($"unknown key \"{property.Name}\": a query has \"where\", \"groupBy\" and \"measures\"");
                }
            }

            if (query.Measures.Count == 0)
            {
                throw new QueryJsonException("\"measures\" needs at least one of patients, studies, series, instances");
            }

            if (query.GroupBy.Count > 2)
            {
                throw new QueryJsonException("\"groupBy\" takes at most two dimensions");
            }

            return query;
        }
    }

    private static Filter Filter(JsonElement element, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new QueryJsonException($"{path}: filters nest at most {MaxDepth} deep");
        }

        if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().Count() != 1)
        {
            throw new QueryJsonException($"{path}: a filter is an object with one key: and, or, eq, in or range");
        }

        var operation = element.EnumerateObject().Single();
        var operands = operation.Value;
        var at = $"{path}.{operation.Name}";
        switch (operation.Name)
        {
            case "and":
            case "or":
                var list = new FilterList();
                list.Filters.AddRange(Array(operands, at, min: 1).Select((f, i) => Filter(f, $"{at}[{i}]", depth + 1)));
                return operation.Name == "and" ? new Filter { AllOf = list } : new Filter { AnyOf = list };
            case "eq":
                var eq = Array(operands, at, min: 2, max: 2);
                return new Filter { Eq = new EqualsFilter { Dimension = Text(eq[0], at), Value = Text(eq[1], at) } };
            case "in":
                var @in = Array(operands, at, min: 2, max: 2);
                var filter = new InFilter { Dimension = Text(@in[0], at) };
                filter.Values.AddRange(Array(@in[1], at, min: 1).Select(v => Text(v, at)));
                return new Filter { In = filter };
            case "range":
                var range = Array(operands, at, min: 3, max: 3);
                var result = new RangeFilter { Dimension = Text(range[0], at) };
                if (Bound(range[1], at) is { } min)
                {
                    result.Min = min;
                }

                if (Bound(range[2], at) is { } max)
                {
                    result.Max = max;
                }

                return new Filter { Range = result };
            default:
                throw new QueryJsonException($"{path}: unknown filter \"{operation.Name}\": use and, or, eq, in or range");
        }
    }

    private static JsonElement[] Array(JsonElement element, string path, int min, int max = int.MaxValue)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() < min || element.GetArrayLength() > max)
        {
            var size = max == int.MaxValue ? $"at least {min}" : min == max ? $"{min}" : $"{min} to {max}";
            throw new QueryJsonException($"{path}: expected an array of {size} element(s)");
        }

        return [.. element.EnumerateArray()];
    }

    private static IEnumerable<string> Strings(JsonElement element, string path) =>
        Array(element, path, min: 0).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new QueryJsonException($"{path}: expected strings"));

    private static string Text(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new QueryJsonException($"{path}: expected a string or a number"),
    };

    private static double? Bound(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new QueryJsonException($"{path}: a range bound is a number or null"),
    };

    private static Measure ParseMeasure(string name) => name switch
    {
        "patients" => Measure.Patients,
        "studies" => Measure.Studies,
        "series" => Measure.Series,
        "instances" => Measure.Instances,
        _ => throw new QueryJsonException($"measures: unknown measure \"{name}\": use patients, studies, series or instances"),
    };
}
