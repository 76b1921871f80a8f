using NodeAgent.Core.Query;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Query;

[TestFixture]
public sealed class CellCountsTests
{
    [TestCase(1_000L, 500, 800, TestName = "Add_DirectKeysAndBitsets_DistinctCountsPerCell")]
    [TestCase(1L << 30, 500, 800, TestName = "Add_DictionaryKeysAndHashSets_DistinctCountsPerCell")]
    public void Add_RandomRows_CountsEqualLinq(long keySpace, int patients, int studies)
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 20_000)
            .Select(_ => (Key: (long)random.Next(50) * (keySpace / 50), Patient: random.Next(patients), Study: random.Next(studies), Instances: random.Next(1, 9), Hash: (ulong)random.NextInt64()))
            .ToList();
        var counts = new CellCounts(keySpace, patients, studies);

        foreach (var row in rows)
        {
            counts.Add(row.Key, row.Patient, row.Study, row.Instances, row.Hash);
        }

        var expected = rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (
            Patients: (long)g.Select(r => r.Patient).Distinct().Count(),
            Studies: (long)g.Select(r => r.Study).Distinct().Count(),
            Series: (long)g.Count(),
            Instances: g.Sum(r => (long)r.Instances),
            Fingerprint: g.Aggregate(0UL, (sum, r) => unchecked(sum + r.Hash))));
        var actual = counts.Cells().ToDictionary(c => c.Key, c => (c.Patients, c.Studies, c.Series, c.Instances, c.Fingerprint));
        Assert.That(actual, Is.EquivalentTo(expected));
    }
}
