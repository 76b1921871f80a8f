namespace NodeAgent.Core.Audit;

/// <summary>The audit log cannot be continued safely (its tail is damaged or records were removed); nothing is appended.</summary>
public sealed class AuditLogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditLogException()
    {
    }

    /// <summary>Creates the exception with what is wrong.</summary>
    public AuditLogException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong and the failure behind it.</summary>
    public AuditLogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
