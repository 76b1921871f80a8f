namespace NodeAgent.Core.Query;

/// <summary>A query that breaks a rule of the query language; refused with code <c>invalid-query</c> and this message.</summary>
public sealed class QueryValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueryValidationException()
    {
    }

    /// <summary>Creates the exception with the rule broken.</summary>
    public QueryValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the rule broken and the parse error behind it.</summary>
    public QueryValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
