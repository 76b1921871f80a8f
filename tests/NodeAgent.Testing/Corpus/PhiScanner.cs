using System.Text;

namespace NodeAgent.Testing.Corpus;

/// <summary>Looks for forbidden values in every byte of files, as ASCII/UTF-8 and, where asked, UTF-16.</summary>
public static class PhiScanner
{
    private const int ContextBytes = 24;

    /// <summary>Every occurrence of every value in every file (the first few per value and file).</summary>
    public static IReadOnlyList<PhiFinding> Scan(IEnumerable<string> files, IReadOnlyCollection<ForbiddenValue> values)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(values);
        var needles = values
            .Where(v => v.Text.Length > 0)
            .SelectMany(v => Encodings(v).Select(e => (Value: v, e.Name, Bytes: e.Bytes)))
            .ToList();
        var findings = new List<PhiFinding>();
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            foreach (var (value, encoding, needle) in needles)
            {
                var start = 0;
                for (var hits = 0; hits < 3; hits++)
                {
                    var index = bytes.AsSpan(start).IndexOf(needle);
                    if (index < 0)
                    {
                        break;
                    }

                    var offset = start + index;
                    findings.Add(new PhiFinding(path, offset, value, encoding, Printable(bytes, offset)));
                    start = offset + needle.Length;
                }
            }
        }

        return findings;
    }

    /// <summary>Every file under <paramref name="directory"/> except the subdirectories and files named in <paramref name="except"/> (relative names).</summary>
    public static IReadOnlyList<string> FilesUnder(string directory, params string[] except)
    {
        ArgumentNullException.ThrowIfNull(except);
        var root = Path.GetFullPath(directory);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path =>
            {
                var relative = Path.GetRelativePath(root, path);
                return !except.Any(e => relative == e || relative.StartsWith(e + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Encodings(ForbiddenValue value)
    {
        yield return ("ASCII", Encoding.UTF8.GetBytes(value.Text));
        if (value.AlsoUtf16)
        {
            yield return ("UTF-16LE", Encoding.Unicode.GetBytes(value.Text));
            yield return ("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(value.Text));
        }
    }

    private static string Printable(byte[] bytes, int offset)
    {
        var from = Math.Max(0, offset - ContextBytes);
        var to = Math.Min(bytes.Length, offset + (2 * ContextBytes));
        var text = new StringBuilder(to - from);
        for (var i = from; i < to; i++)
        {
            text.Append(bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '.');
        }

        return text.ToString();
    }
}
