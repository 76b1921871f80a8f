using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Pipeline;

/// <summary>NodeAgent:Pipeline and NodeAgent:Deidentification are validated at start, one line per problem.</summary>
[TestFixture]
public sealed class PipelineConfigurationTests
{
    [Test]
    public async Task Run_BadPipelineAndDeidentificationValues_RefusesNamingEachKey()
    {
        using var directory = new TempDirectory("pipeline-config");
        var settings = new Dictionary<string, string>
        {
            ["NodeAgent__Pipeline__Parallelism"] = "999",
            ["NodeAgent__Pipeline__DuplicatePolicy"] = "KeepFirst",
            ["NodeAgent__Pipeline__RetryMinSeconds"] = "60",
            ["NodeAgent__Pipeline__RetryMaxSeconds"] = "10",
            ["NodeAgent__Deidentification__SitePrefix"] = "has space",
            ["NodeAgent__Deidentification__RetainLongitudinalFullDates"] = "true",
            ["NodeAgent__Deidentification__Overrides__0__Tag"] = "NoSuchKeyword",
            ["NodeAgent__Deidentification__Overrides__0__Action"] = "X",
        };

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["run"], directory.Path, settings);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("nodeagent: configuration error: NodeAgent:Pipeline:Parallelism = '999' is not allowed: it must be between 0 and 256"));
        Assert.That(output, Does.Contain("NodeAgent:Pipeline:RetryMaxSeconds = '10' is not allowed"));
        Assert.That(output, Does.Not.Contain("DICOM listener on"));
        Assert.That(File.Exists(Path.Combine(directory.Path, "data", "site.secret")), Is.False, "nothing is created before the options are valid");

        var check = await AgentProcess.RunToEndAsync(["check-config"], directory.Path, settings);

        Assert.That(check.ExitCode, Is.EqualTo(2), check.Output);
        Assert.That(check.Output, Does.Contain("NodeAgent:Deidentification:SitePrefix = 'has space' is not allowed")
            .And.Contain("NodeAgent:Deidentification:Overrides:0 = 'NoSuchKeyword X' is not allowed")
            .And.Contain("NodeAgent:Pipeline:Parallelism = '999'"));
    }
}
