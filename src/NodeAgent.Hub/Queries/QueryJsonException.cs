namespace NodeAgent.Hub.Queries;

/// <summary>A query file that is not a valid query; the message says what and where.</summary>
public sealed class QueryJsonException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueryJsonException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public QueryJsonException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public QueryJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
