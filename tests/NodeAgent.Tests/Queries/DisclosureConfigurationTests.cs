using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Queries;

/// <summary>A bad NodeAgent:Disclosure value stops the agent at start and is listed by check-config.</summary>
[TestFixture]
public sealed class DisclosureConfigurationTests
{
    [Test]
    public async Task Run_ZeroMinimumCellSize_ExitsWithKeyAndRule()
    {
        using var directory = new TempDirectory("disclosure-config");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["run"], directory.Path, new Dictionary<string, string> { ["NodeAgent__Disclosure__MinimumCellSize"] = "0" });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("nodeagent: configuration error: NodeAgent:Disclosure:MinimumCellSize = '0' is not allowed: it must be 1 or more."));
    }

    [Test]
    public async Task CheckConfig_BinsOnATextDimension_Listed()
    {
        using var directory = new TempDirectory("disclosure-config");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["check-config"], directory.Path, new Dictionary<string, string> { ["NodeAgent__Disclosure__Bins__modality__0"] = "1" });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("NodeAgent:Disclosure:Bins:modality is not allowed: only numeric dimensions have bins."));
    }

    [Test]
    public async Task QueryLocal_BadDisclosureValue_ExitsWithKeyAndRule()
    {
        using var directory = new TempDirectory("disclosure-config");
        await File.WriteAllTextAsync(directory.Combine("q.json"), """{"measures":["series"]}""");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(
            ["query", "--local", directory.Combine("q.json")], directory.Path, new Dictionary<string, string> { ["NodeAgent__Disclosure__RoundingBase"] = "0" });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("NodeAgent:Disclosure:RoundingBase = '0' is not allowed"));
    }
}
