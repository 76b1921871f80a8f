using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Cli;

/// <summary>`nodeagent status` against a running agent, an unhealthy one, none, and one without a monitoring endpoint.</summary>
[TestFixture]
[Category("Interop")]
public sealed class StatusCommandTests
{
    [Test]
    public async Task Status_RunningAgentAfterStorescu_PrintsEachComponentAndTodaysCountAndExitsZero()
    {
        var storescu = Peers.Require("storescu");
        using var directory = new TempDirectory("agent-status");
        var files = SyntheticStudy.Write(Path.Combine(directory.Path, "send"), 4);
        var settings = MonitoringClient.Settings(AgentProcess.FreePort());
        await using var agent = await AgentProcess.StartAsync(directory.Path, settings);
        var store = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", .. files.Select(f => f.Path)], TimeSpan.FromSeconds(60));
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        await WaitForStoredAsync(settings, 4);

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["status"], directory.Path, settings);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain(": healthy (checked "));
        Assert.That(output, Does.Match($@"listener\s+healthy\s+NODEAGENT on 127\.0\.0\.1:{agent.Port}"));
        Assert.That(output, Does.Match(@"spool\s+healthy"));
        Assert.That(output, Does.Match(@"disk\s+healthy\s+[\d.]+ [GMT]iB free"));
        Assert.That(output, Does.Match(@"hubLink\s+not configured"));
        Assert.That(output, Does.Match(@"index\s+healthy\s+open: 4 instance\(s\) in 1 series, 1 studies"));
        Assert.That(output, Does.Contain("4 instances received, 4 stored, 1 studies, 0 queries answered, 0 refused"));
    }

    /// <summary>Waits until /status counts <paramref name="count"/> instances stored today (the index commits in batches).</summary>
    private static async Task WaitForStoredAsync(Dictionary<string, string> settings, int count)
    {
        using var monitoring = new MonitoringClient(int.Parse(settings["NodeAgent__Telemetry__MetricsPort"], System.Globalization.CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, body) = await monitoring.GetJsonAsync("status");
            using (body)
            {
                var stored = body.RootElement.GetProperty("today").GetProperty("instancesStored");
                if (stored.ValueKind == System.Text.Json.JsonValueKind.Number && stored.GetInt64() >= count)
                {
                    return;
                }
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"fewer than {count} instances stored");
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task Status_AgentBelowTheFloor_ExitsOneShowingTheDisk()
    {
        using var directory = new TempDirectory("agent-status");
        var settings = MonitoringClient.Settings(AgentProcess.FreePort());
        settings["NodeAgent__Storage__MinimumFreePercent"] = "100";
        await using var agent = await AgentProcess.StartAsync(directory.Path, settings);

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["status"], directory.Path, settings);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain(": unhealthy (checked "));
        Assert.That(output, Does.Match(@"disk\s+unhealthy\s+.*below the floor"));
    }

    [Test]
    public async Task Status_NoAgentRunning_ExitsThreeSayingSo()
    {
        using var directory = new TempDirectory("agent-status");
        var port = AgentProcess.FreePort();

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["status"], directory.Path, MonitoringClient.Settings(port));

        Assert.That(exitCode, Is.EqualTo(3), output);
        Assert.That(output, Does.Contain($"nodeagent status: no agent answers at http://127.0.0.1:{port}/"));
        Assert.That(output, Does.Contain("it is not running"));
    }

    [Test]
    public async Task Status_MonitoringEndpointOff_ExitsThreeNamingTheKey()
    {
        using var directory = new TempDirectory("agent-status");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["status"], directory.Path);

        Assert.That(exitCode, Is.EqualTo(3), output);
        Assert.That(output, Does.Contain("the monitoring endpoint is off (NodeAgent:Telemetry:MetricsPort = 0)"));
    }
}
