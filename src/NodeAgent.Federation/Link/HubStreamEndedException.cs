namespace NodeAgent.Federation.Link;

/// <summary>The hub ended the stream (it stopped, or dropped the node): transient, the link reconnects.</summary>
public sealed class HubStreamEndedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HubStreamEndedException()
        : base("the hub ended the stream")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HubStreamEndedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public HubStreamEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
