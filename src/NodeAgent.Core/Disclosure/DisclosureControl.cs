using NodeAgent.Core.Query;

namespace NodeAgent.Core.Disclosure;

/// <summary>
/// Turns true counts into released cells under the policy. A row whose true patient count is 0 &lt; p &lt; k is
/// suppressed in every measure (each of the other measures counts at least as many as patients, so this covers
/// "any count 0 &lt; c &lt; k" and also hides a large instance count that comes from one or two patients). A true
/// zero is released as an exact 0 without noise (the usual practice: no person is in the cell, and a noised zero
/// would blur "nothing here"); groups with no series do not appear as rows at all. Otherwise the released value is
/// the count plus cell-key noise (plus Laplace noise under differential privacy), floored at 0, rounded to the base.
/// </summary>
internal sealed class DisclosureControl(DisclosurePolicy policy, byte[] cellKey)
{
    private readonly CellNoise _noise = new(cellKey);

    /// <summary>The released table and how many cells were suppressed.</summary>
    public (ReleasedTable Table, int Suppressed) Release(FederatedQuery query, AggregateResult result)
    {
        var suppressed = 0;
        var rows = new List<ReleasedRow>(result.Cells.Count);
        // Under differential privacy the query's ε is split evenly over its measures (sequential composition).
        var epsilonPerMeasure = policy.EpsilonPerQuery / query.Measures.Count;
        foreach (var cell in result.Cells)
        {
            var hide = cell.Patients > 0 && cell.Patients < policy.MinimumCellSize;
            var cells = new ReleasedCell[query.Measures.Count];
            for (var m = 0; m < cells.Length; m++)
            {
                var measure = query.Measures[m];
                var count = cell.Count(measure);
                if (hide)
                {
                    cells[m] = new ReleasedCell(null, true, policy.SuppressedLabel);
                    suppressed++;
                }
                else if (count == 0)
                {
                    cells[m] = new ReleasedCell(0, false, null);
                }
                else
                {
                    var draw = _noise.Draw(cell.Fingerprint, measure);
                    double value = count + CellNoise.Integer(draw, policy.NoiseMagnitude);
                    if (policy.DifferentialPrivacy)
                    {
                        value += CellNoise.Laplace(draw, policy.Sensitivity(measure) / epsilonPerMeasure);
                    }

                    cells[m] = new ReleasedCell(Round(Math.Max(0, value)), false, null);
                }
            }

            rows.Add(new ReleasedRow(cell.Groups, cells));
        }

        return (new ReleasedTable([.. query.GroupBy], [.. query.Measures], rows), suppressed);
    }

    private long Round(double value)
    {
        var b = policy.RoundingBase;
        return (long)Math.Round(value / b, MidpointRounding.AwayFromZero) * b;
    }
}
