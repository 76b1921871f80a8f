using NodeAgent.Core.Index;
using NodeAgent.Core.Secrets;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Pipeline;

/// <summary>`nodeagent run` end to end: storescu sends, the pipeline empties the spool into the store and the index.</summary>
[TestFixture]
[Category("Interop")]
public sealed class AgentPipelineTests
{
    private static readonly string[] Samples =
    [
        "pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/MR_small_implicit.dcm", "pydicom/rtdose.dcm", "pydicom/rtplan.dcm",
    ];

    [Test]
    public async Task Run_StorescuOfSamples_SpoolEmptiesAndStoreAndIndexHoldThem()
    {
        var storescu = Peers.Require("storescu");
        var files = Samples.Select(RepoPaths.RequireSample).ToArray();
        var expected = files.Select(f => DicomFile.Open(f).Dataset.GetString(DicomTags.SOPInstanceUID)).Distinct().Count();
        using var directory = new TempDirectory("agent-pipeline");
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        var store = await ProcessRunner.RunAsync(storescu, ["-R", "-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", .. files], TimeSpan.FromSeconds(60));
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);

        var storeRoot = Path.Combine(agent.DataDirectory, InstanceStore.DirectoryName);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.GetFiles(agent.SpoolDirectory).Length > 0 || StoredCount(storeRoot) < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The spool did not empty into the store:\n{agent.Output}");
            }

            await Task.Delay(50);
        }

        Assert.That(await agent.StopAsync(TimeSpan.FromSeconds(30)), Is.Zero, agent.Output);
        Assert.That(StoredCount(storeRoot), Is.EqualTo(expected));
        Assert.That(agent.Output, Does.Contain("Ingest pipeline ready").And.Contain("Created a new site secret"));
        using var index = LiteDbInstanceIndex.Open(Path.Combine(agent.DataDirectory, LiteDbInstanceIndex.FileName), readOnly: true);
        Assert.That(index.Counts.Instances, Is.EqualTo(expected));
        Assert.That(File.Exists(Path.Combine(agent.DataDirectory, SiteSecret.FileName)), Is.True);
    }

    [Test]
    public async Task Run_IndexHoldsDataButSecretMissing_RefusesWithOneLine()
    {
        var storescu = Peers.Require("storescu");
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        using var directory = new TempDirectory("agent-pipeline");
        await using (var agent = await AgentProcess.StartAsync(directory.Path))
        {
            var store = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", ct], TimeSpan.FromSeconds(30));
            Assert.That(store.ExitCode, Is.Zero, store.StdErr);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (StoredCount(Path.Combine(agent.DataDirectory, InstanceStore.DirectoryName)) == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.That(await agent.StopAsync(TimeSpan.FromSeconds(30)), Is.Zero, agent.Output);
        }

        var dataDirectory = Path.Combine(directory.Path, "data");
        File.Delete(Path.Combine(dataDirectory, SiteSecret.FileName));
        File.Delete(Path.Combine(dataDirectory, SiteSecret.FingerprintFileName));

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["run"], directory.Path);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"nodeagent: site secret error: {Path.Combine(dataDirectory, SiteSecret.FileName)}: the site secret is missing but the index already holds data"));
        Assert.That(output, Does.Not.Contain("DICOM listener on"));
    }

    private static int StoredCount(string storeRoot) =>
        Directory.Exists(storeRoot) ? Directory.GetFiles(storeRoot, "*" + InstanceStore.Extension, SearchOption.AllDirectories).Length : 0;
}
