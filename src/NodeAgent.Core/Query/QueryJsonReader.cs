using System.Globalization;
using System.Text.Json;

namespace NodeAgent.Core.Query;

/// <summary>Reads the JSON form into a <see cref="FederatedQuery"/>; shape errors become <see cref="QueryValidationException"/>.</summary>
internal static class QueryJsonReader
{
    public static FederatedQuery ReadQuery(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The query must be a JSON object with \"where\", \"groupBy\" and \"measures\".");
        }

        QueryFilter? where = null;
        var groupBy = new List<string>();
        var measures = new List<QueryMeasure>();
        var nodes = 0;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "where":
                    where = property.Value.ValueKind == JsonValueKind.Null ? null : ReadFilter(property.Value, 1, ref nodes);
                    break;
                case "groupBy":
                    groupBy.AddRange(Strings(property.Value, "groupBy", QueryLimits.MaxGroupBy + 1));
                    break;
                case "measures":
                    measures.AddRange(Strings(property.Value, "measures", 16).Select(Measure));
                    break;
                default:
                    throw Invalid($"Unknown key \"{property.Name}\": a query has \"where\", \"groupBy\" and \"measures\".");
            }
        }

        return new FederatedQuery(where, groupBy, measures);
    }

    private static QueryFilter ReadFilter(JsonElement element, int depth, ref int nodes)
    {
        if (depth > QueryLimits.MaxFilterDepth)
        {
            throw Invalid($"The filter is nested deeper than {QueryLimits.MaxFilterDepth} levels.");
        }

        if (++nodes > QueryLimits.MaxFilterNodes)
        {
            throw Invalid($"The filter has more than {QueryLimits.MaxFilterNodes} nodes.");
        }

        if (element.ValueKind != JsonValueKind.Object || element.GetPropertyCount() != 1)
        {
            throw Invalid("A filter must be an object with exactly one of \"and\", \"or\", \"eq\", \"in\", \"range\".");
        }

        var property = element.EnumerateObject().First();
        var value = property.Value;
        switch (property.Name)
        {
            case "and":
            case "or":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid($"\"{property.Name}\" takes an array of filters.");
                }

                var operands = new List<QueryFilter>();
                foreach (var operand in value.EnumerateArray())
                {
                    operands.Add(ReadFilter(operand, depth + 1, ref nodes));
                }

                return property.Name == "and" ? new AllOf(operands) : new AnyOf(operands);
            case "eq":
                Expect(value, 2, "\"eq\" takes [dimension, value].");
                return new EqualsFilter(Text(value[0], "eq"), Scalar(value[1], "eq"));
            case "in":
                Expect(value, 2, "\"in\" takes [dimension, [values...]].");
                if (value[1].ValueKind != JsonValueKind.Array)
                {
                    throw Invalid("\"in\" takes [dimension, [values...]].");
                }

                if (value[1].GetArrayLength() > QueryLimits.MaxInValues)
                {
                    throw Invalid($"\"in\" lists more than {QueryLimits.MaxInValues} values.");
                }

                return new InFilter(Text(value[0], "in"), [.. value[1].EnumerateArray().Select(v => Scalar(v, "in"))]);
            case "range":
                Expect(value, 3, "\"range\" takes [dimension, min or null, max or null].");
                return new RangeFilter(Text(value[0], "range"), Bound(value[1]), Bound(value[2]));
            default:
                throw Invalid($"Unknown filter \"{property.Name}\": use \"and\", \"or\", \"eq\", \"in\" or \"range\".");
        }
    }

    private static void Expect(JsonElement value, int length, string message)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != length)
        {
            throw Invalid(message);
        }
    }

    private static string Text(JsonElement element, string where) => element.ValueKind == JsonValueKind.String
        ? element.GetString()!
        : throw Invalid($"\"{where}\" expects a dimension name as a string.");

    private static string Scalar(JsonElement element, string where) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw Invalid($"\"{where}\" values must be strings, numbers or booleans."),
    };

    private static double? Bound(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw Invalid("\"range\" bounds must be numbers or null."),
    };

    private static IEnumerable<string> Strings(JsonElement element, string name, int max)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"\"{name}\" must be an array of strings.");
        }

        if (element.GetArrayLength() > max)
        {
            throw Invalid($"\"{name}\" lists more than {max - 1} entries.");
        }

        return [.. element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Invalid($"\"{name}\" must be an array of strings."))];
    }

    private static QueryMeasure Measure(string name) => name switch
    {
        "patients" => QueryMeasure.Patients,
        "studies" => QueryMeasure.Studies,
        "series" => QueryMeasure.Series,
        "instances" => QueryMeasure.Instances,
        _ => throw Invalid($"Unknown measure \"{name}\": use patients, studies, series or instances."),
    };

    private static QueryValidationException Invalid(string message) => new(message);
}
