using Microsoft.Extensions.Options;
using NodeAgent.Core.Deidentification;

namespace NodeAgent.Configuration;

/// <summary>Checks NodeAgent:Deidentification at start; each failure names the key, the value and what is allowed.</summary>
internal sealed class DeidentificationProfileOptionsValidator : IValidateOptions<DeidentificationProfileOptions>
{
    public ValidateOptionsResult Validate(string? name, DeidentificationProfileOptions options)
    {
        var failures = new List<string>();
        var key = DeidentificationProfileOptions.Section;
        var prefix = options.SitePrefix ?? "";
        if (prefix.Length > Pseudonyms.MaximumPrefixLength || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            failures.Add($"{key}:SitePrefix = '{prefix}' is not allowed: use at most {Pseudonyms.MaximumPrefixLength} ASCII letters, digits, '-', '_' or '.'");
        }

        var parsed = true;
        for (var i = 0; i < options.Overrides.Count; i++)
        {
            var entry = options.Overrides[i];
            try
            {
                DeidentificationOverride.Parse(entry.Tag ?? "", entry.Action ?? "");
            }
            catch (FormatException e)
            {
                parsed = false;
                failures.Add($"{key}:Overrides:{i} = '{entry.Tag} {entry.Action}' is not allowed: {e.Message}");
            }
        }

        if (parsed)
        {
            failures.AddRange(options.ToEngineOptions().Validate().Select(problem => $"{key}: {problem}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
