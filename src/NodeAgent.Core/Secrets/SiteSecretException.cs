namespace NodeAgent.Core.Secrets;

/// <summary>
/// The site secret cannot be used: missing where data exists, changed, readable by others, or malformed. The message
/// names the file and the rule, never a byte of the secret, and is meant to be shown to the operator as it is.
/// </summary>
public sealed class SiteSecretException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>, with the rule it breaks.</summary>
    public SiteSecretException(string path, string rule)
        : base($"{path}: {rule}")
    {
        Path = path;
        Rule = rule;
    }

    /// <summary>Creates the exception with a message only; prefer the other constructor.</summary>
    public SiteSecretException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Rule = message;
    }

    /// <summary>Creates the exception with no message; prefer the other constructors.</summary>
    public SiteSecretException()
    {
        Path = string.Empty;
        Rule = string.Empty;
    }

    /// <summary>The secret (or fingerprint) file concerned.</summary>
    public string Path { get; }

    /// <summary>The rule that was broken.</summary>
    public string Rule { get; }
}
