namespace NodeAgent.Core.Query;

/// <summary>
/// A federated aggregate query: data, never code (DESIGN decision 5). A filter over the index dimensions, at most
/// two group-by dimensions and at least one measure. Parse it with <see cref="QueryJson"/>, check it with
/// <see cref="QueryValidator"/>.
/// </summary>
/// <param name="Where">The filter; null selects every series.</param>
/// <param name="GroupBy">0 to 2 dimension names (<see cref="QueryDimensions"/>).</param>
/// <param name="Measures">The counts asked for; at least one.</param>
public sealed record FederatedQuery(QueryFilter? Where, IReadOnlyList<string> GroupBy, IReadOnlyList<QueryMeasure> Measures);
