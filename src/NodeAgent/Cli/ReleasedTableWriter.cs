using System.Globalization;
using NodeAgent.Core.Query;

namespace NodeAgent.Cli;

/// <summary>Prints a released table as aligned columns; a suppressed cell shows its label and a marker.</summary>
internal static class ReleasedTableWriter
{
    public const string SuppressedMarker = " (suppressed)";

    public static void Write(TextWriter output, ReleasedTable table)
    {
        var header = table.GroupBy.Concat(table.Measures.Select(QueryJson.MeasureName)).ToList();
        var rows = table.Rows.Select(row => row.Groups.Concat(row.Cells.Select(Cell)).ToList()).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        output.WriteLine(Line(header, widths, table.GroupBy.Count));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths, table.GroupBy.Count));
        }
    }

    private static string Cell(ReleasedCell cell) =>
        cell.Suppressed ? cell.Label + SuppressedMarker : cell.Value!.Value.ToString(CultureInfo.InvariantCulture);

    // Group columns left-aligned, counts right-aligned.
    private static string Line(List<string> values, List<int> widths, int groups) =>
        string.Join("  ", values.Select((v, i) => i < groups ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd();
}
