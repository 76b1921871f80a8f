namespace NodeAgent.Core.Disclosure;

/// <summary>The disclosure policy's settings: section NodeAgent:Disclosure (documented in config/appsettings.json).</summary>
public sealed class DisclosureOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NodeAgent:Disclosure";

    /// <summary>A cell whose true patient count is above 0 and below this is suppressed.</summary>
    public int MinimumCellSize { get; set; } = 10;

    /// <summary>Released counts are rounded to a multiple of this (1 for no rounding).</summary>
    public int RoundingBase { get; set; } = 5;

    /// <summary>Cell-key noise is an integer in [−NoiseMagnitude, +NoiseMagnitude] (0 for none).</summary>
    public int NoiseMagnitude { get; set; } = 2;

    /// <summary>Bin edges per numeric dimension; a dimension not listed keeps its built-in bins.</summary>
    public Dictionary<string, double[]> Bins { get; set; } = [];

    /// <summary>Adds Laplace noise and keeps a per-requester ε ledger.</summary>
    public bool DifferentialPrivacy { get; set; }

    /// <summary>The ε one answered query spends (split evenly over its measures).</summary>
    public double EpsilonPerQuery { get; set; } = 0.1;

    /// <summary>The ε a requester may spend within <see cref="WindowDays"/>.</summary>
    public double EpsilonBudget { get; set; } = 1.0;

    /// <summary>The rolling window of the ε ledger and of the differencing guard's history, in days.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>How many answered queries per requester the differencing guard remembers (within the window).</summary>
    public int DifferencingHistory { get; set; } = 1000;

    /// <summary>
    /// How much one patient can change each measure of a cell (the Laplace sensitivity): patients, studies, series,
    /// instances. Studies, series and instances per patient are not bounded by the data model, so these are the
    /// site's stated bounds; a patient contributing more is protected less.
    /// </summary>
    public double[] Sensitivity { get; set; } = [];
}
