namespace NodeAgent.Core.Query;

/// <summary>How a dimension's values compare and group.</summary>
public enum DimensionKind
{
    /// <summary>Text compared ordinally; groups by value.</summary>
    Text,

    /// <summary>A number; filtered by range or value, grouped by the policy's bins.</summary>
    Numeric,
}
