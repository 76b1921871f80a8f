namespace NodeAgent.Core.Query;

/// <summary>The true counts of one group, before disclosure control. Never leaves the node.</summary>
/// <param name="Groups">The group values in query order.</param>
/// <param name="Patients">Distinct patients.</param>
/// <param name="Studies">Distinct studies (0 when not asked for).</param>
/// <param name="Series">Series.</param>
/// <param name="Instances">The sum of instance counts.</param>
/// <param name="Fingerprint">The sum of the keyed hashes of the cell's series: what its cell-key noise is keyed by.</param>
internal sealed record AggregateCell(IReadOnlyList<string> Groups, long Patients, long Studies, long Series, long Instances, ulong Fingerprint)
{
    public long Count(QueryMeasure measure) => measure switch
    {
        QueryMeasure.Patients => Patients,
        QueryMeasure.Studies => Studies,
        QueryMeasure.Series => Series,
        _ => Instances,
    };
}
