using NodeAgent.Core.Index;

namespace NodeAgent.Core.Tests.Query;

/// <summary>Seeded random series rollups with every dimension sometimes missing, for engine and disclosure tests.</summary>
internal static class RollupGenerator
{
    private static readonly string?[] Modalities = ["CT", "MR", "US", "CR", "PT", null];
    private static readonly string?[] Sexes = ["F", "M", "O", null];
    private static readonly string?[] Manufacturers = ["GE", "SIEMENS", "PHILIPS", "CANON", null];
    private static readonly string[] BodyParts = ["43799004", "12738006", "818981001", BodyPart.UnknownCode];

    public static List<SeriesRollup> Generate(int series, int seed, int patients = 0)
    {
        var random = new Random(seed);
        patients = patients > 0 ? patients : Math.Max(1, series / 4);
        var list = new List<SeriesRollup>(series);
        for (var i = 0; i < series; i++)
        {
            var patient = random.Next(patients);
            var study = patient * 3 + random.Next(3);
            list.Add(Series($"s{seed}-{i}", $"st{study}", $"p{patient}", Dimensions(random), random.Next(1, 300)));
        }

        return list;
    }

    public static SeriesRollup Series(string series, string study, string patient, InstanceDimensions dimensions, int instances = 10) =>
        new(series, study, patient, dimensions, instances, instances, instances * 1000L, DateTime.UnixEpoch, DateTime.UnixEpoch);

    public static InstanceDimensions Dimensions(Random random)
    {
        var age = random.Next(10) == 0 ? (int?)null : random.Next(0, 100);
        return new InstanceDimensions
        {
            Modality = Pick(random, Modalities),
            BodyPart = new BodyPart(Pick(random, BodyParts)!, null, null, null),
            Sex = Pick(random, Sexes),
            AgeYears = age,
            AgeBand = age is { } a ? $"{a / 5 * 5}-{a / 5 * 5 + 4}" : null,
            Manufacturer = Pick(random, Manufacturers),
            ManufacturerModel = random.Next(4) == 0 ? null : "Model " + random.Next(3),
            AcquisitionYear = random.Next(8) == 0 ? null : random.Next(2015, 2027),
            AcquisitionQuarter = random.Next(8) == 0 ? null : random.Next(1, 5),
            SliceThickness = random.Next(3) == 0 ? null : Math.Round(random.NextDouble() * 6, 1),
            PixelSpacingRow = random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 1.5, 2),
            Rows = random.Next(5) == 0 ? null : 256 << random.Next(3),
            Columns = random.Next(5) == 0 ? null : 256 << random.Next(3),
            NumberOfFrames = random.Next(5) == 0 ? null : random.Next(1, 200),
            Kvp = random.Next(3) == 0 ? null : 80 + 20 * random.Next(4),
            MagneticFieldStrength = random.Next(2) == 0 ? null : random.Next(2) == 0 ? 1.5 : 3,
            ContrastAgent = random.Next(2) == 0,
            SopClassUid = "1.2.840.10008.5.1.4.1.1." + random.Next(1, 5),
            TransferSyntaxUid = random.Next(2) == 0 ? "1.2.840.10008.1.2.1" : "1.2.840.10008.1.2.4.90",
            BurnedInAnnotationRisk = (BurnedInAnnotationRisk)random.Next(3),
        };
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
