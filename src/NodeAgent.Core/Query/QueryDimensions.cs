using System.Collections.Frozen;
using System.Globalization;
using NodeAgent.Core.Index;

namespace NodeAgent.Core.Query;

/// <summary>
/// The dimensions a query may filter and group by (QUERY-API.md), read from <see cref="InstanceDimensions"/>.
/// A value the series does not carry is <see cref="Missing"/> for text dimensions and NaN for numeric ones.
/// </summary>
public static class QueryDimensions
{
    /// <summary>The group value and filter value of a missing dimension.</summary>
    public const string Missing = "UNKNOWN";

    /// <summary>Every dimension, text ones first, in a fixed order (the order of the in-memory columns).</summary>
    public static IReadOnlyList<QueryDimension> All { get; } =
    [
        new("modality", d => d.Modality),
        new("body_part", d => d.BodyPart.Code),
        new("sex", d => d.Sex),
        new("age_band", d => d.AgeBand),
        new("manufacturer", d => d.Manufacturer),
        new("model", d => d.ManufacturerModel),
        new("acquisition_quarter", d => d.AcquisitionQuarter is { } q ? "Q" + q.ToString(CultureInfo.InvariantCulture) : null),
        new("contrast", d => d.ContrastAgent ? "true" : "false"),
        new("sop_class", d => d.SopClassUid),
        new("transfer_syntax", d => d.TransferSyntaxUid),
        new("burned_in_risk", d => d.BurnedInAnnotationRisk switch
        {
            BurnedInAnnotationRisk.Low => "low",
            BurnedInAnnotationRisk.Possible => "possible",
            _ => "high",
        }),
        new("age_years", d => d.AgeYears),
        new("acquisition_year", d => d.AcquisitionYear),
        new("slice_thickness", d => d.SliceThickness),
        new("pixel_spacing", d => d.PixelSpacingRow),
        new("rows", d => d.Rows),
        new("columns", d => d.Columns),
        new("frames", d => d.NumberOfFrames),
        new("kvp", d => d.Kvp),
        new("field_strength", d => d.MagneticFieldStrength),
    ];

    private static readonly FrozenDictionary<string, QueryDimension> ByName = All.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The dimension with the name; names are case-sensitive.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QueryDimension? dimension) =>
        ByName.TryGetValue(name, out dimension);

    /// <summary>The names, comma-separated, for error messages.</summary>
    internal static string NameList { get; } = string.Join(", ", All.Select(d => d.Name));
}
