namespace NodeAgent.Configuration;

/// <summary>One site override of NodeAgent:Deidentification:Overrides: a standard attribute and the action it gets.</summary>
public sealed class DeidentificationOverrideOptions
{
    /// <summary>The attribute: "(gggg,eeee)", "gggg,eeee", "ggggeeee" or a keyword such as "StudyDescription".</summary>
    public string Tag { get; set; } = "";

    /// <summary>The action: K, X, Z, D, C or U (PS3.15 Table E.1-1a), or Keep, Remove, Empty, Dummy, Clean, ReplaceUid.</summary>
    public string Action { get; set; } = "";
}
