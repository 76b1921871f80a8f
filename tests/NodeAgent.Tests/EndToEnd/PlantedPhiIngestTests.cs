using NodeAgent.Testing;
using NodeAgent.Testing.Corpus;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.EndToEnd;

/// <summary>
/// Issue 4, "How it is checked": the planted-PHI corpus sent by storescu to the real agent; once the pipeline has
/// taken everything out of the spool, no byte of the data directory (store, index, quarantine, anything else except
/// the spool and the site secret) and no line the agent logged holds a marker, an original UID, a patient ID, a
/// name or a birth date.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class PlantedPhiIngestTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Run_PlantedPhiCorpus_NothingIdentifyingAtRestOrInTheLog()
    {
        Peers.Require("storescu");
        using var directory = new TempDirectory("e2e-phi");
        var corpus = PlantedPhiCorpus.Write(directory.Combine("corpus"), patients: 2, slices: 2);
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        var sent = await StorescuSession.SendAsync(agent.Port, corpus.Files, Timeout);
        Assert.That(sent.Acknowledged, Has.Count.EqualTo(corpus.Files.Count), sent.Output);
        await DataDirectory.WaitUntilIngestedAsync(agent, corpus.Files.Count, Timeout);
        Assert.That(await agent.StopAsync(Timeout), Is.Zero, agent.Output);

        var data = agent.DataDirectory;
        var scanned = PhiScanner.FilesUnder(data, "spool", "site.secret");
        Assert.Multiple(() =>
        {
            Assert.That(corpus.PlantedAttributesPerFile, Is.GreaterThan(550), "Table E.1-1 attributes planted per file");
            Assert.That(DataDirectory.QuarantineFiles(data), Is.Empty, DataDirectory.Reasons(data));
            Assert.That(DataDirectory.ReadIndex(data), Has.Count.EqualTo(corpus.Files.Count), "instances indexed");
            Assert.That(scanned, Has.Some.EndsWith("index.db"));
            Assert.That(scanned.Count(p => p.EndsWith(".dcm", StringComparison.Ordinal)), Is.EqualTo(corpus.Files.Count), "stored files scanned");
        });
        var findings = PhiScanner.Scan(scanned, corpus.Forbidden.ToList());
        Assert.That(findings, Is.Empty, $"{findings.Count} findings in {scanned.Count} files:\n{string.Join('\n', findings.Take(30))}");
        var log = Path.Combine(directory.Path, "agent-output.log");
        await File.WriteAllTextAsync(log, agent.Output);
        var logged = PhiScanner.Scan([log], corpus.Forbidden.ToList());
        Assert.That(logged, Is.Empty, $"the agent logged identifying data:\n{string.Join('\n', logged.Take(30))}");
    }
}
