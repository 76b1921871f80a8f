using System.Globalization;
using NodeAgent.Testing;
using NodeAgent.Testing.Corpus;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.EndToEnd;

/// <summary>
/// Issue 4, crash safety: storescu sends 500 small slices over one association; the agent is killed with SIGKILL
/// after a seeded random number of acknowledgements (plus a seeded delay of a few milliseconds, so the kill falls
/// anywhere in receive, spool, pipeline or index); it is restarted, storescu re-sends what it did not see
/// acknowledged, and then every instance is stored and indexed exactly once, and <c>nodeagent verify</c> is clean.
/// Instances are compared by their pseudonymised SOP Instance UID, computed from the site secret.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class CrashSafetyTests
{
    private const int Count = 500;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [TestCase(11)]
    [TestCase(23)]
    [TestCase(47)]
    public async Task Run_KilledAtRandomMomentThenRestarted_EveryInstanceStoredAndIndexedOnce(int seed)
    {
        Peers.Require("storescu");
        using var directory = new TempDirectory("e2e-crash");
        var random = new Random(seed);
        var killAfter = random.Next(20, Count - 40);
        var jitter = TimeSpan.FromMilliseconds(random.Next(0, 25));
        var (files, originals) = WriteSlices(directory.Combine("slices"), seed);

        StorescuOutcome interrupted;
        await using (var agent = await AgentProcess.StartAsync(directory.Path))
        {
            await using var session = StorescuSession.Start(agent.Port, files);
            Assert.That(await session.WaitForSuccessesAsync(killAfter, Timeout), Is.True, session.Output);
            await Task.Delay(jitter); // not synchronisation: moves the kill off the acknowledgement boundary
            await agent.KillAsync();
            interrupted = await session.WaitForExitAsync(Timeout);
        }

        var acknowledged = interrupted.Acknowledged;
        Assert.That(acknowledged, Has.Count.InRange(killAfter, Count - 1), "the kill fell inside the send");
        var data = Path.Combine(directory.Path, "data");
        TestContext.Out.WriteLine(
            $"killed after {acknowledged.Count} ACKs: {DataDirectory.SpoolFiles(data).Count} instances left in the spool, {DataDirectory.StoredFiles(data).Count} stored");
        StorescuOutcome resent;
        await using (var agent = await AgentProcess.StartAsync(directory.Path))
        {
            var rest = files.Except(acknowledged).ToList();
            resent = await StorescuSession.SendAsync(agent.Port, rest, Timeout);
            Assert.That(resent.Acknowledged, Has.Count.EqualTo(rest.Count), resent.Output);
            await DataDirectory.WaitUntilIngestedAsync(agent, Count, Timeout);
            Assert.That(await agent.StopAsync(Timeout), Is.Zero, agent.Output);
        }

        var pseudonyms = DataDirectory.SitePseudonyms(data);
        var expected = originals.Values.Select(pseudonyms.Uid).Order(StringComparer.Ordinal).ToList();
        var acknowledgedFirst = acknowledged.Select(f => pseudonyms.Uid(originals[f])).ToList();
        var stored = DataDirectory.StoredSopInstanceUids(data).Order(StringComparer.Ordinal).ToList();
        var index = DataDirectory.ReadIndex(data);
        var verify = await AgentProcess.RunToEndAsync(["verify"], directory.Path);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(expected), "stored files: each instance exactly once");
            Assert.That(acknowledgedFirst, Is.SubsetOf(stored), "everything acknowledged before the kill");
            Assert.That(index.Select(r => r.SopInstanceUid).Order(StringComparer.Ordinal), Is.EqualTo(expected), "index: each instance exactly once");
            Assert.That(index.Select(r => r.StoredPath).Where(p => !File.Exists(Path.IsPathRooted(p) ? p : Path.Combine(data, p))), Is.Empty, "indexed paths exist");
            Assert.That(Directory.GetFiles(Path.Combine(data, "store"), "*", SearchOption.AllDirectories), Has.Length.EqualTo(Count), "no leftover temporary files in the store");
            Assert.That(Directory.GetFiles(Path.Combine(data, "spool")), Is.Empty, "no instance or partial file left in the spool");
            Assert.That(DataDirectory.QuarantineFiles(data), Is.Empty, DataDirectory.Reasons(data));
            Assert.That(verify.ExitCode, Is.Zero, verify.Output);
            Assert.That(verify.Output, Does.Contain($"{Count} indexed instance(s): 0 missing, 0 corrupt, 0 extra file(s): clean"));
        });
    }

    // 500 slices of 64×64 in one series; the file name → original SOP Instance UID.
    private static (IReadOnlyList<string> Files, Dictionary<string, string> Originals) WriteSlices(string directory, int seed)
    {
        Directory.CreateDirectory(directory);
        var patient = SyntheticPatient.Numbered(seed);
        var root = string.Create(CultureInfo.InvariantCulture, $"{PlantedPhiCorpus.UidRoot}.50.{seed}");
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i <= Count; i++)
        {
            var uids = SmallCtUids.Under(root, 1, i);
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"slice{i:D4}.dcm"));
            SmallCt.Save(SmallCt.Create(patient, uids, "20240615", i), path);
            originals[path] = uids.Instance;
        }

        return ([.. originals.Keys.Order(StringComparer.Ordinal)], originals);
    }
}
