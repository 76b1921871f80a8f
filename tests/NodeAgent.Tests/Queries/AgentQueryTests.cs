using NodeAgent.Core.Audit;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Storage;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Queries;

/// <summary>`nodeagent run` loads the query engine at start, and `query --local` reads the index beside the running agent.</summary>
[TestFixture]
[Category("Interop")]
public sealed class AgentQueryTests
{
    [Test]
    public async Task Run_WithStoredStudies_EngineLoadedAndLocalQueryAnswersBesideTheAgent()
    {
        var storescu = Peers.Require("storescu");
        var files = new[] { "pydicom/CT_small.dcm", "pydicom/MR_small.dcm" }.Select(RepoPaths.RequireSample).ToArray();
        using var directory = new TempDirectory("agent-query");
        await using var agent = await AgentProcess.StartAsync(directory.Path);
        Assert.That(agent.Output, Does.Contain("Query engine loaded 0 series rollups"));
        Assert.That(File.Exists(Path.Combine(agent.DataDirectory, PrivacyLedger.FileName)), Is.True);
        Assert.That(Directory.Exists(Path.Combine(agent.DataDirectory, AuditLog.DirectoryName)), Is.True);

        var store = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", .. files], TimeSpan.FromSeconds(60));
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        var storeRoot = Path.Combine(agent.DataDirectory, InstanceStore.DirectoryName);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Stored and indexed: a spool file goes only once its index batch is committed (the file in the store comes first).
        while (Stored(storeRoot) < files.Length || Directory.EnumerateFiles(agent.SpoolDirectory).Any())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the instances were not stored and indexed:\n{agent.Output}");
            await Task.Delay(50);
        }

        await File.WriteAllTextAsync(directory.Combine("q.json"), """{"groupBy":["modality"],"measures":["series"]}""");
        var (exitCode, output) = await AgentProcess.RunToEndAsync(["query", "--local", directory.Combine("q.json")], directory.Path);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Match(@"CT\s+<10 \(suppressed\)"));
        Assert.That(output, Does.Match(@"MR\s+<10 \(suppressed\)"));
        var (verifyExit, verify) = await AgentProcess.RunToEndAsync(["audit", "verify"], directory.Path);
        Assert.That(verifyExit, Is.Zero, verify);
        Assert.That(verify, Does.Contain("0 records, chain intact"), "a local query is not audited");
        Assert.That(await agent.StopAsync(TimeSpan.FromSeconds(30)), Is.Zero, agent.Output);
    }

    private static int Stored(string root) =>
        Directory.Exists(root) ? Directory.GetFiles(root, "*" + InstanceStore.Extension, SearchOption.AllDirectories).Length : 0;
}
