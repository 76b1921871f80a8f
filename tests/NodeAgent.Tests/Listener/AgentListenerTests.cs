using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Listener;

/// <summary>The real agent, as a PACS administrator meets it: echoscu and storescu against `nodeagent run`.</summary>
[TestFixture]
[Category("Interop")]
public sealed class AgentListenerTests
{
    [Test]
    public async Task Run_EchoscuAndStorescu_InstanceAcknowledgedPseudonymisedInSpoolOrStore()
    {
        var echoscu = Peers.Require("echoscu");
        var storescu = Peers.Require("storescu");
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        using var directory = new TempDirectory("agent-run");
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        var echo = await ProcessRunner.RunAsync(echoscu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}"], TimeSpan.FromSeconds(30));
        var store = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", ct], TimeSpan.FromSeconds(30));

        Assert.That(echo.ExitCode, Is.Zero, echo.StdErr);
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        // Processed on arrival, the acknowledged instance waits in the spool as a ready file (pseudonymised already)
        // or is in the store; the spool is listed first, as the pipeline moves files from it to the store.
        var ready = Directory.GetFiles(agent.SpoolDirectory, "*.ready");
        var received = Directory.GetFiles(agent.SpoolDirectory, "*.dcm");
        var storeRoot = Path.Combine(agent.DataDirectory, "store");
        var stored = Directory.Exists(storeRoot) ? Directory.GetFiles(storeRoot, "*.dcm", SearchOption.AllDirectories) : [];
        Assert.That(ready.Length + received.Length + stored.Length, Is.GreaterThanOrEqualTo(1));
        Assert.That(received, Is.Empty, "a clean instance is not spooled as received");
        var original = DicomFile.Open(ct).Dataset.GetString(DicomTags.SOPInstanceUID);
        foreach (var path in ready.Concat(stored))
        {
            if (TryOpen(path) is { } file)
            {
                Assert.That(file.Dataset.GetString(DicomTags.SOPInstanceUID), Does.StartWith("2.25.").And.Not.EqualTo(original));
            }
        }
    }

    [Test]
    public async Task Run_AssociationEnds_LogsOneLineWithPeerTitlesAndOutcome()
    {
        var echoscu = Peers.Require("echoscu");
        using var directory = new TempDirectory("agent-run");
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        await ProcessRunner.RunAsync(echoscu, ["-aet", "PACS_A", "-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}"], TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        Assert.That(agent.Output, Does.Match(@"Association \w+ from 127\.0\.0\.1: PACS_A -> NODEAGENT, 1 contexts accepted, 0 instances \(0 failed\), 0 bytes in \d+ ms: released"));
    }

    [Test]
    public async Task Run_UnknownCallingAe_Rejected()
    {
        var echoscu = Peers.Require("echoscu");
        using var directory = new TempDirectory("agent-run");
        var settings = new Dictionary<string, string>
        {
            ["NodeAgent__Dicom__AllowedCallers__0__AeTitle"] = "ORTHANC",
        };
        await using var agent = await AgentProcess.StartAsync(directory.Path, settings);

        var rejected = await ProcessRunner.RunAsync(echoscu, ["-aet", "INTRUDER", "-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}"], TimeSpan.FromSeconds(30));
        var allowed = await ProcessRunner.RunAsync(echoscu, ["-aet", "ORTHANC", "-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}"], TimeSpan.FromSeconds(30));

        Assert.That(rejected.ExitCode, Is.Not.Zero);
        Assert.That(rejected.StdErr + rejected.StdOut, Does.Contain("Calling AE Title Not Recognized"));
        Assert.That(allowed.ExitCode, Is.Zero, allowed.StdErr);
    }

    [Test]
    public async Task Run_Sigterm_ExitsCleanlyWithinTimeout()
    {
        using var directory = new TempDirectory("agent-run");
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        var exitCode = await agent.StopAsync(TimeSpan.FromSeconds(20));

        Assert.That(exitCode, Is.Zero, agent.Output);
    }

    // The pipeline may delete the spool file between listing and opening it.
    private static DicomFile? TryOpen(string path)
    {
        try
        {
            return DicomFile.Open(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
