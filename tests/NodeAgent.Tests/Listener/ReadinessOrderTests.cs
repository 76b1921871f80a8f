using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Listener;

/// <summary>
/// Start order, which readiness rests on: the host sends READY=1 on ApplicationStarted, after every hosted service's
/// StartAsync in registration order (the notify test in PackageTests checks the listener is bound by then). Here: the
/// pipeline has queued what a previous run left in the spool before the listener binds.
/// </summary>
[TestFixture]
public sealed class ReadinessOrderTests
{
    [Test]
    public async Task Run_SpoolLeftByAPreviousRun_ResumedBeforeTheListenerBinds()
    {
        using var directory = new TempDirectory("agent-readiness");
        var spool = Path.Combine(directory.Path, "data", "spool");
        foreach (var (path, _) in SyntheticStudy.Write(Path.Combine(directory.Path, "left"), 3))
        {
            Directory.CreateDirectory(spool);
            File.Copy(path, Path.Combine(spool, $"20261201T000000000-{Path.GetFileNameWithoutExtension(path)}.dcm"));
        }

        await using var agent = await AgentProcess.StartAsync(directory.Path, MonitoringClient.Settings(AgentProcess.FreePort()));

        var output = agent.Output;
        var resumed = output.IndexOf("3 instances resumed from the spool", StringComparison.Ordinal);
        var monitoring = output.IndexOf("Monitoring endpoint on", StringComparison.Ordinal);
        var bound = output.IndexOf("DICOM listener on", StringComparison.Ordinal);
        Assert.That(resumed, Is.GreaterThanOrEqualTo(0), output);
        Assert.That(monitoring, Is.GreaterThanOrEqualTo(0).And.LessThan(resumed), "the monitoring endpoint starts first");
        Assert.That(resumed, Is.LessThan(bound), "the spool is queued before the listener binds");
    }
}
