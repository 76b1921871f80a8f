using NodeAgent.Core.Index;

namespace NodeAgent.QueryBench;

/// <summary>Seeded synthetic series rollups: about 4 series per patient, realistic spreads of the common dimensions.</summary>
internal static class SyntheticRollups
{
    private static readonly string[] Modalities = ["CT", "MR", "US", "CR", "PT", "MG", "DX", "NM"];
    private static readonly string[] Manufacturers = ["GE", "SIEMENS", "PHILIPS", "CANON", "FUJIFILM"];

    public static List<SeriesRollup> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var patients = Math.Max(1, count / 4);
        var list = new List<SeriesRollup>(count);
        for (var i = 0; i < count; i++)
        {
            var patient = random.Next(patients);
            var age = random.Next(0, 100);
            var dimensions = new InstanceDimensions
            {
                Modality = Modalities[random.Next(Modalities.Length)],
                Sex = random.Next(2) == 0 ? "F" : "M",
                AgeYears = age,
                AgeBand = $"{age / 5 * 5}-{age / 5 * 5 + 4}",
                Manufacturer = Manufacturers[random.Next(Manufacturers.Length)],
                AcquisitionYear = random.Next(2010, 2027),
                SliceThickness = Math.Round(random.NextDouble() * 5, 1),
                Rows = 512,
                Columns = 512,
                Kvp = 80 + 20 * random.Next(4),
                ContrastAgent = random.Next(3) == 0,
            };
            var instances = random.Next(1, 400);
            list.Add(new SeriesRollup($"series-{i}", $"study-{patient}-{random.Next(3)}", $"patient-{patient}", dimensions, instances, instances, instances * 500_000L, DateTime.UnixEpoch, DateTime.UnixEpoch));
        }

        return list;
    }
}
