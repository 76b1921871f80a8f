using System.Collections.ObjectModel;

namespace NodeAgent.Dicom.Dictionary;

/// <summary>Reads the packed text tables that tools/generate-dictionary.py writes: one line per entry, fields split by '|'.</summary>
internal sealed class DictionaryTable
{
    private readonly Dictionary<string, ReadOnlyCollection<DicomVR>> vrLists = new(StringComparer.Ordinal);

    /// <summary>Splits a table into its lines' fields, checking each line has <paramref name="fieldCount"/> of them.</summary>
    public static IEnumerable<string[]> Rows(string table, int fieldCount)
    {
        // A checkout with CRLF line endings puts a CR at the end of each line of the raw string literal.
        foreach (var line in table.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split('|');
            if (fields.Length != fieldCount)
            {
                // Only a hand edit of a generated file gets here; the generator checks its output.
                throw new InvalidOperationException($"Dictionary table line '{line}' has {fields.Length} fields, not {fieldCount}.");
            }

            yield return fields;
        }
    }

    /// <summary>The VR alternatives "OB/OW" as a shared read-only list; "NONE" gives an empty one.</summary>
    public ReadOnlyCollection<DicomVR> VRs(string spec)
    {
        if (!vrLists.TryGetValue(spec, out var list))
        {
            var vrs = spec == "NONE" ? [] : spec.Split('/').Select(DicomVR.Parse).ToArray();
            list = Array.AsReadOnly(vrs);
            vrLists.Add(spec, list);
        }

        return list;
    }
}
