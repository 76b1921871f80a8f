using Microsoft.Extensions.Options;

namespace NodeAgent.Configuration;

/// <summary>Checks NodeAgent:Storage at start; each failure names the key, the value and what is allowed.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var key = StorageOptions.Section;
        if (string.IsNullOrWhiteSpace(options.DataDirectory) || options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{key}:DataDirectory = '{options.DataDirectory}' is not allowed: give a directory path");
        }

        if (options.MinimumFreeMegabytes < 0)
        {
            failures.Add($"{key}:MinimumFreeMegabytes = '{options.MinimumFreeMegabytes}' is not allowed: it must be 0 or more");
        }

        if (options.MinimumFreePercent is < 0 or > 100 || double.IsNaN(options.MinimumFreePercent))
        {
            failures.Add($"{key}:MinimumFreePercent = '{options.MinimumFreePercent}' is not allowed: it must be between 0 and 100");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
