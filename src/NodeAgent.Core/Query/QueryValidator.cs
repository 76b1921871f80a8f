using System.Globalization;

namespace NodeAgent.Core.Query;

/// <summary>
/// Checks a query against the rules of the query language, whether it came from JSON or was built in code (the hub
/// link maps protobuf messages to <see cref="FederatedQuery"/>). Bounded: it stops at the first broken rule, and
/// walks at most <see cref="QueryLimits.MaxFilterNodes"/> nodes.
/// </summary>
public static class QueryValidator
{
    /// <summary>Throws when the query breaks a rule.</summary>
    /// <exception cref="QueryValidationException">The rule broken, in a sentence.</exception>
    public static void Validate(FederatedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Measures is null || query.Measures.Count == 0)
        {
            throw new QueryValidationException("The query asks for no measure: give at least one of patients, studies, series, instances.");
        }

        if (query.Measures.Any(m => !Enum.IsDefined(m)))
        {
            throw new QueryValidationException("The query asks for an unknown measure.");
        }

        if (query.Measures.Distinct().Count() != query.Measures.Count)
        {
            throw new QueryValidationException("The query lists a measure twice.");
        }

        if (query.GroupBy is null || query.GroupBy.Count > QueryLimits.MaxGroupBy)
        {
            throw new QueryValidationException($"The query groups by more than {QueryLimits.MaxGroupBy} dimensions.");
        }

        foreach (var name in query.GroupBy)
        {
            Dimension(name);
        }

        if (query.GroupBy.Distinct(StringComparer.Ordinal).Count() != query.GroupBy.Count)
        {
            throw new QueryValidationException("The query groups by the same dimension twice.");
        }

        if (query.Where is not null)
        {
            var nodes = 0;
            Filter(query.Where, 1, ref nodes);
        }
    }

    private static void Filter(QueryFilter filter, int depth, ref int nodes)
    {
        if (depth > QueryLimits.MaxFilterDepth)
        {
            throw new QueryValidationException($"The filter is nested deeper than {QueryLimits.MaxFilterDepth} levels.");
        }

        if (++nodes > QueryLimits.MaxFilterNodes)
        {
            throw new QueryValidationException($"The filter has more than {QueryLimits.MaxFilterNodes} nodes.");
        }

        switch (filter)
        {
            case AllOf { Filters: var operands }:
                Operands(operands, "and", depth, ref nodes);
                break;
            case AnyOf { Filters: var operands }:
                Operands(operands, "or", depth, ref nodes);
                break;
            case EqualsFilter eq:
                Value(Dimension(eq.Dimension), eq.Value, "eq");
                break;
            case InFilter @in:
                var dimension = Dimension(@in.Dimension);
                if (@in.Values is null || @in.Values.Count == 0)
                {
                    throw new QueryValidationException($"\"in\" on {@in.Dimension} lists no value.");
                }

                if (@in.Values.Count > QueryLimits.MaxInValues)
                {
                    throw new QueryValidationException($"\"in\" lists more than {QueryLimits.MaxInValues} values.");
                }

                foreach (var value in @in.Values)
                {
                    Value(dimension, value, "in");
                }

                break;
            case RangeFilter range:
                Range(range);
                break;
            default:
                throw new QueryValidationException("The filter holds an unknown kind of node.");
        }
    }

    private static void Operands(IReadOnlyList<QueryFilter>? operands, string name, int depth, ref int nodes)
    {
        if (operands is null || operands.Count == 0)
        {
            throw new QueryValidationException($"\"{name}\" has no operand.");
        }

        foreach (var operand in operands)
        {
            if (operand is null)
            {
                throw new QueryValidationException($"\"{name}\" has an empty operand.");
            }

            Filter(operand, depth + 1, ref nodes);
        }
    }

    private static void Range(RangeFilter range)
    {
        var dimension = Dimension(range.Dimension);
        if (dimension.Kind != DimensionKind.Numeric)
        {
            throw new QueryValidationException($"\"range\" needs a numeric dimension; {range.Dimension} is text.");
        }

        if (range.Min is null && range.Max is null)
        {
            throw new QueryValidationException($"\"range\" on {range.Dimension} has neither a minimum nor a maximum.");
        }

        if (range.Min is { } min && !double.IsFinite(min) || range.Max is { } max && !double.IsFinite(max))
        {
            throw new QueryValidationException($"\"range\" on {range.Dimension} has a bound that is not a finite number.");
        }

        if (range.Min >= range.Max)
        {
            throw new QueryValidationException(
                $"\"range\" on {range.Dimension} is empty: the minimum ({range.Min?.ToString(CultureInfo.InvariantCulture)}) must be below the maximum ({range.Max?.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private static QueryDimension Dimension(string? name)
    {
        if (name is null || !QueryDimensions.TryGet(name, out var dimension))
        {
            throw new QueryValidationException($"Unknown dimension \"{Shorten(name)}\"; the dimensions are {QueryDimensions.NameList}.");
        }

        return dimension;
    }

    private static void Value(QueryDimension dimension, string? value, string where)
    {
        if (value is null)
        {
            throw new QueryValidationException($"\"{where}\" on {dimension.Name} has a null value.");
        }

        if (dimension.Kind == DimensionKind.Numeric && value != QueryDimensions.Missing
            && !(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)))
        {
            throw new QueryValidationException($"\"{where}\" on the numeric dimension {dimension.Name} needs a number or {QueryDimensions.Missing}.");
        }
    }

    // A hostile name must not make the refusal message (and the audit record) arbitrarily long.
    private static string Shorten(string? name) => name is null ? "(null)" : name.Length <= 64 ? name : name[..64] + "…";
}
