using Microsoft.Extensions.Options;
using NodeAgent.Core.Pipeline;

namespace NodeAgent.Configuration;

/// <summary>Checks NodeAgent:Pipeline at start; each failure names the key, the value and what is allowed.</summary>
internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var failures = options.Validate().ToList();
        if (!string.IsNullOrWhiteSpace(options.BodyPartMappingFile) && !File.Exists(options.BodyPartMappingFile))
        {
            failures.Add($"{PipelineOptions.Section}:BodyPartMappingFile = '{options.BodyPartMappingFile}' is not allowed: the file does not exist");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
