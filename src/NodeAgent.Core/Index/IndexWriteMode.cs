namespace NodeAgent.Core.Index;

/// <summary>What indexing an instance key that the index already holds does.</summary>
public enum IndexWriteMode
{
    /// <summary>The new entry replaces the old one; the rollups move the instance, never count it twice.</summary>
    Replace = 0,

    /// <summary>The old entry stays and the new one is ignored.</summary>
    KeepFirst = 1,
}
