namespace NodeAgent;

/// <summary>The agent cannot start for a reason a person can fix (a port in use, say); the message says what and where.</summary>
internal sealed class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
