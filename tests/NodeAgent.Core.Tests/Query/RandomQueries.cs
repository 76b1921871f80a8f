using NodeAgent.Core.Query;

namespace NodeAgent.Core.Tests.Query;

/// <summary>Seeded random valid queries: every filter kind, AND/OR nesting, 0–2 group-by, any measures.</summary>
internal static class RandomQueries
{
    private static readonly string[] TextDimensions = ["modality", "sex", "manufacturer", "body_part", "contrast", "burned_in_risk", "acquisition_quarter", "model"];
    private static readonly string[] NumericDimensions = ["age_years", "slice_thickness", "rows", "kvp", "field_strength", "acquisition_year", "frames", "pixel_spacing"];
    private static readonly string[] GroupDimensions = [.. TextDimensions, .. NumericDimensions];

    private static readonly Dictionary<string, string[]> Values = new()
    {
        ["modality"] = ["CT", "MR", "US", "CR", "PT", "UNKNOWN", "XA"],
        ["sex"] = ["F", "M", "O", "UNKNOWN"],
        ["manufacturer"] = ["GE", "SIEMENS", "PHILIPS", "CANON", "UNKNOWN"],
        ["body_part"] = ["43799004", "12738006", "818981001", "UNKNOWN"],
        ["contrast"] = ["true", "false"],
        ["burned_in_risk"] = ["low", "possible", "high"],
        ["acquisition_quarter"] = ["Q1", "Q2", "Q3", "Q4", "UNKNOWN"],
        ["model"] = ["Model 0", "Model 1", "Model 2", "UNKNOWN"],
        ["rows"] = ["256", "512", "1024", "UNKNOWN"],
        ["kvp"] = ["80", "100", "120", "140", "UNKNOWN"],
        ["field_strength"] = ["1.5", "3", "UNKNOWN"],
    };

    public static FederatedQuery Create(Random random)
    {
        var groupBy = GroupDimensions.OrderBy(_ => random.Next()).Take(random.Next(3)).ToList();
        var measures = Enum.GetValues<QueryMeasure>().Where(_ => random.Next(2) == 0).ToList();
        if (measures.Count == 0)
        {
            measures.Add(QueryMeasure.Patients);
        }

        var where = random.Next(5) == 0 ? null : Filter(random, 1);
        return new FederatedQuery(where, groupBy, measures);
    }

    private static QueryFilter Filter(Random random, int depth)
    {
        var kind = depth >= 4 ? random.Next(2, 5) : random.Next(5);
        switch (kind)
        {
            case 0:
            case 1:
                var operands = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Filter(random, depth + 1)).ToList();
                return kind == 0 ? new AllOf(operands) : new AnyOf(operands);
            case 2:
                var (name, values) = Values.ElementAt(random.Next(Values.Count));
                return new EqualsFilter(name, values[random.Next(values.Length)]);
            case 3:
                var (inName, inValues) = Values.ElementAt(random.Next(Values.Count));
                return new InFilter(inName, [.. inValues.Where(_ => random.Next(2) == 0).DefaultIfEmpty(inValues[0])]);
            default:
                var dimension = NumericDimensions[random.Next(NumericDimensions.Length)];
                var (low, high) = dimension switch
                {
                    "age_years" => (0.0, 100.0),
                    "acquisition_year" => (2014.0, 2028.0),
                    "rows" => (0.0, 1500.0),
                    "kvp" => (60.0, 160.0),
                    "frames" => (0.0, 200.0),
                    _ => (0.0, 6.0),
                };
                var a = low + random.NextDouble() * (high - low);
                var b = a + random.NextDouble() * (high - a) + 0.01;
                return random.Next(3) switch
                {
                    0 => new RangeFilter(dimension, Math.Round(a, 1), null),
                    1 => new RangeFilter(dimension, null, Math.Round(b, 1)),
                    _ => new RangeFilter(dimension, Math.Floor(a), Math.Floor(a) + Math.Ceiling(b - a)),
                };
        }
    }
}
