using Microsoft.Extensions.Options;
using NodeAgent.Core.Disclosure;

namespace NodeAgent.Configuration;

/// <summary>Checks NodeAgent:Disclosure at start with the policy's own rules; each failure names the key.</summary>
internal sealed class DisclosureOptionsValidator : IValidateOptions<DisclosureOptions>
{
    public ValidateOptionsResult Validate(string? name, DisclosureOptions options)
    {
        var failures = DisclosurePolicy.Validate(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
