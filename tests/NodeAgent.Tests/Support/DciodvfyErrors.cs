using System.Text.RegularExpressions;
using NodeAgent.Testing;

namespace NodeAgent.Tests.Support;

/// <summary>
/// dciodvfy's errors for a file, normalised so that those of an input and of its pseudonymised, standardised copy
/// compare: only lines starting "Error" count (warnings are advice); a value dciodvfy quotes (<c>= &lt;…&gt;</c>, a
/// quoted character and its code) becomes a placeholder, since the values are what de-identification changes; and
/// white space is folded. The attribute names, tags, modules and the kind of error stay, so a new error is seen.
/// </summary>
public static partial class DciodvfyErrors
{
    /// <summary>The normalised error lines of <paramref name="path"/>.</summary>
    public static async Task<IReadOnlySet<string>> OfAsync(string path)
    {
        var result = await ProcessRunner.RunAsync(Peers.Require("dciodvfy"), [path], TimeSpan.FromSeconds(60));
        return (result.StdOut + "\n" + result.StdErr)
            .Split('\n')
            .Where(line => line.StartsWith("Error", StringComparison.Ordinal))
            .Select(Normalise)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One line normalised (see the class).</summary>
    public static string Normalise(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = QuotedValue().Replace(line, "= <value>");
        text = QuotedCharacter().Replace(text, "'?' (0x?)");
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"= <[^>]*>")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"'.' \(0x[0-9a-fA-F]+\)")]
    private static partial Regex QuotedCharacter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
