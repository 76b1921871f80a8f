namespace NodeAgent.Federation.Answering;

/// <summary>A contract message that does not map to a query (a filter of no kind, an unspecified measure).</summary>
public sealed class ContractMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContractMappingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ContractMappingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ContractMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
