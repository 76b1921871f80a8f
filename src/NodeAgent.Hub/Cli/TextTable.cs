namespace NodeAgent.Hub.Cli;

/// <summary>Prints rows as left-aligned columns separated by two spaces.</summary>
internal static class TextTable
{
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(i => all.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
        {
            writer.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
