using NodeAgent.Core.Query;

namespace NodeAgent.Federation.Answering;

/// <summary>
/// Maps the contract's query to the engine's <see cref="FederatedQuery"/> and the engine's outcome back to a
/// <see cref="Contract.QueryResult"/>. The mapping is structural only; the engine validates dimension names and limits.
/// </summary>
public static class ContractMapping
{
    /// <summary>The query the engine runs; throws <see cref="ContractMappingException"/> for a structurally broken message.</summary>
    public static FederatedQuery ToQuery(Contract.Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new FederatedQuery(
            query.Where is null ? null : ToFilter(query.Where, depth: 0),
            [.. query.GroupBy],
            [.. query.Measures.Select(ToMeasure)]);
    }

    /// <summary>The result the node sends: the released table or the refusal, with the policy hash and ε spent.</summary>
    public static Contract.QueryResult ToResult(QueryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = new Contract.QueryResult { QueryId = outcome.QueryId, PolicyHash = outcome.PolicyHash, EpsilonSpent = outcome.EpsilonSpent };
        if (outcome.Kind == QueryOutcomeKind.Answered && outcome.Table is { } table)
        {
            result.Table = ToTable(table);
        }
        else
        {
            result.Refusal = new Contract.Refusal { Code = outcome.RefusalCode ?? "internal", Reason = outcome.RefusalReason ?? "" };
        }

        return result;
    }

    /// <summary>The contract's measure of an engine measure.</summary>
    public static Contract.Measure ToContract(QueryMeasure measure) => measure switch
    {
        QueryMeasure.Patients => Contract.Measure.Patients,
        QueryMeasure.Studies => Contract.Measure.Studies,
        QueryMeasure.Series => Contract.Measure.Series,
        QueryMeasure.Instances => Contract.Measure.Instances,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };

    private static QueryMeasure ToMeasure(Contract.Measure measure) => measure switch
    {
        Contract.Measure.Patients => QueryMeasure.Patients,
        Contract.Measure.Studies => QueryMeasure.Studies,
        Contract.Measure.Series => QueryMeasure.Series,
        Contract.Measure.Instances => QueryMeasure.Instances,
        _ => throw new ContractMappingException($"measure {(int)measure} is not one of patients, studies, series, instances"),
    };

    private static QueryFilter ToFilter(Contract.Filter filter, int depth)
    {
        // The engine limits depth further (QueryLimits); this only keeps a hostile message from exhausting the stack.
        if (depth > 64)
        {
            throw new ContractMappingException("the filter nests too deep");
        }

        return filter.KindCase switch
        {
            Contract.Filter.KindOneofCase.AllOf => new AllOf([.. filter.AllOf.Filters.Select(f => ToFilter(f, depth + 1))]),
            Contract.Filter.KindOneofCase.AnyOf => new AnyOf([.. filter.AnyOf.Filters.Select(f => ToFilter(f, depth + 1))]),
            Contract.Filter.KindOneofCase.Eq => new EqualsFilter(filter.Eq.Dimension, filter.Eq.Value),
            Contract.Filter.KindOneofCase.In => new InFilter(filter.In.Dimension, [.. filter.In.Values]),
            Contract.Filter.KindOneofCase.Range => new RangeFilter(
                filter.Range.Dimension,
                filter.Range.HasMin ? filter.Range.Min : null,
                filter.Range.HasMax ? filter.Range.Max : null),
            _ => throw new ContractMappingException("a filter has none of all_of, any_of, eq, in, range"),
        };
    }

    private static Contract.ReleasedTable ToTable(ReleasedTable table)
    {
        var released = new Contract.ReleasedTable();
        released.GroupBy.AddRange(table.GroupBy);
        released.Measures.AddRange(table.Measures.Select(ToContract));
        foreach (var row in table.Rows)
        {
            var contractRow = new Contract.ReleasedRow();
            contractRow.Groups.AddRange(row.Groups);
            contractRow.Cells.AddRange(row.Cells.Select(ToCell));
            released.Rows.Add(contractRow);
        }

        return released;
    }

    private static Contract.ReleasedCell ToCell(ReleasedCell cell) => cell switch
    {
        { Suppressed: false, Value: { } value } => new Contract.ReleasedCell { Value = value },
        // A suppressed cell, or one with no value (never expected): nothing about its count leaves the node.
        _ => new Contract.ReleasedCell { Suppressed = new Contract.Suppressed { Label = cell.Label ?? "suppressed" } },
    };
}
