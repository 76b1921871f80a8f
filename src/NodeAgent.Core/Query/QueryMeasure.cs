namespace NodeAgent.Core.Query;

/// <summary>What a query counts in each cell.</summary>
public enum QueryMeasure
{
    /// <summary>Distinct pseudonymised patients.</summary>
    Patients,

    /// <summary>Distinct pseudonymised studies.</summary>
    Studies,

    /// <summary>Series.</summary>
    Series,

    /// <summary>Instances (the sum of the series' instance counts).</summary>
    Instances,
}
