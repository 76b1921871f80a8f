using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodeAgent.Core.Query;

namespace NodeAgent.Core.Disclosure;

/// <summary>
/// The disclosure policy in force: minimum cell size, rounding, cell-key noise, bins, and the optional differential
/// privacy with its budget. <see cref="PolicyHash"/> is the SHA-256 of <see cref="CanonicalJson"/>, so a hub can see
/// which policy produced an answer and an auditor can see when it changed.
/// </summary>
public sealed class DisclosurePolicy
{
    private static readonly double[] DefaultSensitivity = [1, 5, 50, 5000];

    private static readonly FrozenDictionary<string, double[]> DefaultBins = new Dictionary<string, double[]>
    {
        ["age_years"] = [.. Enumerable.Range(0, 19).Select(i => i * 5.0)],
        ["acquisition_year"] = [.. Enumerable.Range(1990, 51).Select(y => (double)y)],
        ["slice_thickness"] = [0, 1, 2, 3, 5, 10],
        ["pixel_spacing"] = [0, 0.25, 0.5, 0.75, 1, 2],
        ["rows"] = [0, 256, 512, 1024, 2048, 4096],
        ["columns"] = [0, 256, 512, 1024, 2048, 4096],
        ["frames"] = [1, 2, 10, 100, 1000],
        ["kvp"] = [0, 80, 100, 120, 140],
        ["field_strength"] = [0, 1, 2, 3, 7],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly double[] _sensitivity;

    /// <summary>Builds the policy from its options.</summary>
    /// <exception cref="ArgumentException">The options break a rule of <see cref="Validate"/>.</exception>
    public DisclosurePolicy(DisclosureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Validate(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        MinimumCellSize = options.MinimumCellSize;
        RoundingBase = options.RoundingBase;
        NoiseMagnitude = options.NoiseMagnitude;
        DifferentialPrivacy = options.DifferentialPrivacy;
        EpsilonPerQuery = options.DifferentialPrivacy ? options.EpsilonPerQuery : 0;
        EpsilonBudget = options.EpsilonBudget;
        Window = TimeSpan.FromDays(options.WindowDays);
        DifferencingHistory = options.DifferencingHistory;
        _sensitivity = options.Sensitivity.Length == 0 ? DefaultSensitivity : [.. options.Sensitivity];
        Bins = QueryDimensions.All.Where(d => d.Kind == DimensionKind.Numeric).ToFrozenDictionary(
            d => d.Name,
            d => new NumericBins(options.Bins.TryGetValue(d.Name, out var edges) ? edges : DefaultBins[d.Name]),
            StringComparer.Ordinal);
        SuppressedLabel = "<" + MinimumCellSize.ToString(CultureInfo.InvariantCulture);
        CanonicalJson = WriteCanonical();
        PolicyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson)));
    }

    /// <summary>k: a cell with 0 &lt; patients &lt; k is suppressed.</summary>
    public int MinimumCellSize { get; }

    /// <summary>Released counts are multiples of this.</summary>
    public int RoundingBase { get; }

    /// <summary>The bound of the cell-key noise.</summary>
    public int NoiseMagnitude { get; }

    /// <summary>True when Laplace noise is added and ε is charged.</summary>
    public bool DifferentialPrivacy { get; }

    /// <summary>The ε one answered query spends; 0 without differential privacy.</summary>
    public double EpsilonPerQuery { get; }

    /// <summary>The ε a requester may spend within <see cref="Window"/>.</summary>
    public double EpsilonBudget { get; }

    /// <summary>The rolling window of the ε ledger and the differencing history.</summary>
    public TimeSpan Window { get; }

    /// <summary>How many answered queries per requester the differencing guard compares against.</summary>
    public int DifferencingHistory { get; }

    /// <summary>The bins of every numeric dimension.</summary>
    public IReadOnlyDictionary<string, NumericBins> Bins { get; }

    /// <summary>The label of a suppressed cell, such as <c>&lt;10</c>.</summary>
    public string SuppressedLabel { get; }

    /// <summary>The policy as canonical JSON (fixed key order).</summary>
    public string CanonicalJson { get; }

    /// <summary>The lower-case hex SHA-256 of <see cref="CanonicalJson"/>.</summary>
    public string PolicyHash { get; }

    /// <summary>The Laplace sensitivity of a measure.</summary>
    public double Sensitivity(QueryMeasure measure) => _sensitivity[(int)measure];

    /// <summary>Every rule the options break, each naming the key; empty when they are valid.</summary>
    public static IReadOnlyList<string> Validate(DisclosureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = DisclosureOptions.Section;
        var failures = new List<string>();
        if (options.MinimumCellSize < 1)
        {
            failures.Add($"{key}:MinimumCellSize = '{options.MinimumCellSize}' is not allowed: it must be 1 or more.");
        }

        if (options.RoundingBase < 1)
        {
            failures.Add($"{key}:RoundingBase = '{options.RoundingBase}' is not allowed: it must be 1 or more.");
        }

        if (options.NoiseMagnitude is < 0 or > 100)
        {
            failures.Add($"{key}:NoiseMagnitude = '{options.NoiseMagnitude}' is not allowed: it must be between 0 and 100.");
        }

        if (!(options.EpsilonPerQuery > 0 && double.IsFinite(options.EpsilonPerQuery)))
        {
            failures.Add($"{key}:EpsilonPerQuery = '{options.EpsilonPerQuery}' is not allowed: it must be a positive number.");
        }

        if (!(options.EpsilonBudget >= options.EpsilonPerQuery && double.IsFinite(options.EpsilonBudget)))
        {
            failures.Add($"{key}:EpsilonBudget = '{options.EpsilonBudget}' is not allowed: it must be at least EpsilonPerQuery.");
        }

        if (options.WindowDays is < 1 or > 3650)
        {
            failures.Add($"{key}:WindowDays = '{options.WindowDays}' is not allowed: it must be between 1 and 3650.");
        }

        if (options.DifferencingHistory is < 1 or > 100_000)
        {
            failures.Add($"{key}:DifferencingHistory = '{options.DifferencingHistory}' is not allowed: it must be between 1 and 100000.");
        }

        if (options.Sensitivity.Length is not (0 or 4) || options.Sensitivity.Any(s => !(s > 0 && double.IsFinite(s))))
        {
            failures.Add($"{key}:Sensitivity is not allowed: give four positive numbers (patients, studies, series, instances) or none.");
        }

        foreach (var (name, edges) in options.Bins)
        {
            if (!QueryDimensions.TryGet(name, out var dimension) || dimension.Kind != DimensionKind.Numeric)
            {
                failures.Add($"{key}:Bins:{name} is not allowed: only numeric dimensions have bins.");
            }
            else if (edges is null || edges.Length == 0 || edges.Any(e => !double.IsFinite(e)) || edges.Zip(edges.Skip(1)).Any(p => p.First >= p.Second))
            {
                failures.Add($"{key}:Bins:{name} is not allowed: give one or more strictly ascending numbers.");
            }
        }

        return failures;
    }

    private string WriteCanonical()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("minimumCellSize", MinimumCellSize);
            writer.WriteNumber("roundingBase", RoundingBase);
            writer.WriteNumber("noiseMagnitude", NoiseMagnitude);
            writer.WriteBoolean("differentialPrivacy", DifferentialPrivacy);
            writer.WriteNumber("epsilonPerQuery", EpsilonPerQuery);
            writer.WriteNumber("epsilonBudget", EpsilonBudget);
            writer.WriteNumber("windowDays", Window.TotalDays);
            writer.WriteNumber("differencingHistory", DifferencingHistory);
            writer.WriteStartArray("sensitivity");
            foreach (var s in _sensitivity)
            {
                writer.WriteNumberValue(s);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("bins");
            foreach (var (name, bins) in Bins.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteStartArray(name);
                foreach (var edge in bins.Edges)
                {
                    writer.WriteNumberValue(edge);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
