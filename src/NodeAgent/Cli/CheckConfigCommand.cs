using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;

namespace NodeAgent.Cli;

/// <summary>nodeagent check-config: the effective configuration, secrets masked, and every problem.</summary>
internal static class CheckConfigCommand
{
    private static readonly string[] SecretMarkers = ["Password", "Secret", "Key", "Token", "Headers"];

    // A URL may carry a user and password (http://user:pass@proxy:3128): they are masked like any other secret.
    private static string WithoutCredentials(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? value.Replace(uri.UserInfo + "@", "********@", StringComparison.Ordinal)
            : value;

    public static int Execute(Arguments arguments)
    {
        arguments.Expect("--config");
        using var host = AgentHost.Build(arguments.Option("--config"));
        var configuration = (IConfiguration)host.Services.GetService(typeof(IConfiguration))!;
        foreach (var (key, value) in configuration.AsEnumerable().Where(p => p.Key.StartsWith("NodeAgent:", StringComparison.Ordinal) && p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var masked = SecretMarkers.Any(marker => key.Contains(marker, StringComparison.OrdinalIgnoreCase) && !key.EndsWith("Path", StringComparison.Ordinal)) ? "********" : WithoutCredentials(value!);
            Console.WriteLine($"{key} = {masked}");
        }

        var problems = new List<string>();
        Collect<DicomOptions>(host, problems);
        Collect<StorageOptions>(host, problems);
        Collect<NodeAgent.Federation.Link.HubOptions>(host, problems);
        Collect<NodeAgent.Core.Pipeline.PipelineOptions>(host, problems);
        Collect<DeidentificationProfileOptions>(host, problems);
        Collect<NodeAgent.Core.Disclosure.DisclosureOptions>(host, problems);
        Collect<TelemetryOptions>(host, problems);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"nodeagent: configuration error: {problem}");
        }

        Console.WriteLine(problems.Count == 0 ? "configuration OK" : $"{problems.Count} configuration problem(s)");
        return problems.Count == 0 ? CommandLine.Ok : CommandLine.Usage;
    }

    private static void Collect<T>(IHost host, List<string> problems) where T : class
    {
        try
        {
            _ = ((IOptions<T>)host.Services.GetService(typeof(IOptions<T>))!).Value;
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
    }
}
