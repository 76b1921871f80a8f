namespace NodeAgent.Tests.Support;

/// <summary>One C-STORE answer storescu received.</summary>
/// <param name="File">The file sent.</param>
/// <param name="Status">storescu's name for the status: "Success", "Out of Resources", …</param>
public sealed record StoreResponse(string File, string Status)
{
    /// <summary>True for Success.</summary>
    public bool IsSuccess => Status == "Success";
}
