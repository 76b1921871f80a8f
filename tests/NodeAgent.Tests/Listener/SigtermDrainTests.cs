using System.Diagnostics;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Listener;

/// <summary>
/// SIGTERM in the middle of a 200-instance storescu send: every instance storescu saw acknowledged is still in the
/// spool, or stored and indexed by the pipeline (looked up by its instance key), or in quarantine; nothing
/// half-received is left; and the agent exits 0 within its drain timeout plus the host's margin (15 s).
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class SigtermDrainTests
{
    private const int Instances = 200;
    private const int StopMarginSeconds = 15;

    [TestCase(0, TestName = "Sigterm_MidSendWithNoDrainTime_EveryAcknowledgedInstanceKeptAndExitZero")]
    [TestCase(20, TestName = "Sigterm_MidSendWithDrainTime_SendCompletesAndEveryInstanceKeptAndExitZero")]
    public async Task Sigterm_MidSend_NoAcknowledgedInstanceLost(int drainSeconds)
    {
        var storescu = Peers.Require("storescu");
        using var directory = new TempDirectory("agent-sigterm");
        var files = SyntheticStudy.Write(Path.Combine(directory.Path, "send"), Instances);
        var settings = new Dictionary<string, string> { ["NodeAgent__Dicom__DrainTimeoutSeconds"] = $"{drainSeconds}" };
        await using var agent = await AgentProcess.StartAsync(directory.Path, settings);

        var send = ProcessRunner.RunAsync(storescu, ["-v", "-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", .. files.Select(f => f.Path)], TimeSpan.FromSeconds(120));
        await WaitForArrivalsAsync(agent, 20);
        var stopping = Stopwatch.StartNew();
        var exitCode = await agent.StopAsync(TimeSpan.FromSeconds(drainSeconds + StopMarginSeconds + 10));
        stopping.Stop();
        var sent = await send;

        var acknowledged = StorescuLog.Acknowledged(sent.StdOut + sent.StdErr);
        var byPath = files.ToDictionary(f => f.Path, f => f.SopInstanceUid, StringComparer.Ordinal);
        var lost = KeptInstances.Missing(agent.DataDirectory, acknowledged.Select(p => byPath[p]));
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, agent.Output);
            Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(drainSeconds + StopMarginSeconds)), "stopped within the drain timeout and the host's margin");
            Assert.That(acknowledged, Is.Not.Empty, sent.StdOut + sent.StdErr);
            Assert.That(lost, Is.Empty, "acknowledged but neither in the spool, nor stored and indexed, nor quarantined");
            Assert.That(Directory.GetFiles(agent.SpoolDirectory, "*.partial"), Is.Empty, "half-received data sets are removed");
        });
        if (drainSeconds == 0)
        {
            Assert.That(acknowledged, Has.Count.LessThan(Instances), "the stop interrupted the send: the association was aborted");
            Assert.That(agent.Output, Does.Contain("aborted: the listener is stopping"));
        }
        else
        {
            Assert.That(sent.ExitCode, Is.Zero, sent.StdErr);
            Assert.That(acknowledged, Has.Count.EqualTo(Instances), "the drain let the association finish");
        }
    }

    private static async Task WaitForArrivalsAsync(AgentProcess agent, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // The pipeline moves instances on at once: count what arrived anywhere (spool and store).
        var store = Path.Combine(agent.DataDirectory, "store");
        while (Directory.GetFiles(agent.SpoolDirectory, "*.dcm").Length
               + (Directory.Exists(store) ? Directory.GetFiles(store, "*.dcm", SearchOption.AllDirectories).Length : 0) < count)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"fewer than {count} instances arrived:\n{agent.Output}");
            await Task.Delay(10);
        }
    }
}
