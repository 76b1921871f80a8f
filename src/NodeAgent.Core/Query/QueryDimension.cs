using NodeAgent.Core.Index;

namespace NodeAgent.Core.Query;

/// <summary>One dimension of the query language and how it is read from a series rollup's dimensions.</summary>
public sealed class QueryDimension
{
    private readonly Func<InstanceDimensions, string?>? _text;
    private readonly Func<InstanceDimensions, double?>? _number;

    internal QueryDimension(string name, Func<InstanceDimensions, string?> text)
    {
        Name = name;
        Kind = DimensionKind.Text;
        _text = text;
    }

    internal QueryDimension(string name, Func<InstanceDimensions, double?> number)
    {
        Name = name;
        Kind = DimensionKind.Numeric;
        _number = number;
    }

    /// <summary>The stable lower-case name used in queries.</summary>
    public string Name { get; }

    /// <summary>Text or numeric.</summary>
    public DimensionKind Kind { get; }

    /// <summary>The text value, or <see cref="QueryDimensions.Missing"/>; only for text dimensions.</summary>
    internal string TextOf(InstanceDimensions dimensions) => _text!(dimensions) ?? QueryDimensions.Missing;

    /// <summary>The numeric value, or NaN when missing; only for numeric dimensions.</summary>
    internal double NumberOf(InstanceDimensions dimensions) => _number!(dimensions) ?? double.NaN;
}
