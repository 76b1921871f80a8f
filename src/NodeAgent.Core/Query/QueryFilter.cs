namespace NodeAgent.Core.Query;

/// <summary>A node of a query's filter tree: <see cref="AllOf"/>, <see cref="AnyOf"/>, <see cref="EqualsFilter"/>, <see cref="InFilter"/> or <see cref="RangeFilter"/>.</summary>
public abstract record QueryFilter;
