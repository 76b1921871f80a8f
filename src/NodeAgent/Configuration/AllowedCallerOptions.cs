namespace NodeAgent.Configuration;

/// <summary>One allowed caller: an AE title ("*" for any) and optional source addresses.</summary>
public sealed class AllowedCallerOptions
{
    /// <summary>The calling AE title, or "*".</summary>
    public string AeTitle { get; set; } = "";

    /// <summary>Source IP addresses the title may call from; empty means any address.</summary>
    public List<string> Addresses { get; set; } = [];
}
