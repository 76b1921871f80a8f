using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>Several senders at once: every instance arrives exactly once, whole.</summary>
[TestFixture]
[Category("Interop")]
public sealed class ConcurrentStoreTests
{
    private const int Senders = 8;
    private const int InstancesPerSender = 50;

    [Test]
    public async Task Store_EightStorescuAtOnce_AllFourHundredArriveOnce()
    {
        var template = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        Peers.Require("storescu");
        await using var host = await ScpHost.StartAsync();
        var sent = new List<string>();
        var folders = new List<string>();
        for (var sender = 0; sender < Senders; sender++)
        {
            var folder = host.Directory.Combine($"sender{sender}");
            sent.AddRange(ScpSamples.WriteCopies(template, folder, InstancesPerSender));
            folders.Add(folder);
        }

        var runs = folders.Select((folder, i) => host.StoreAsync(["+sd"], $"SENDER{i}", folder)).ToArray();
        var results = await Task.WhenAll(runs);

        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join(Environment.NewLine, results.Where(r => r.ExitCode != 0).Select(r => r.StdErr)));
        var received = host.Handler.Completed;
        Assert.That(received, Has.Count.EqualTo(Senders * InstancesPerSender));
        Assert.That(received.Select(r => r.SopInstanceUid), Is.EquivalentTo(sent), "each instance exactly once");
        Assert.That(received.Select(r => r.AssociationId).Distinct().Count(), Is.EqualTo(Senders));
        Assert.That((host.Handler.Aborted, host.Handler.PartialFiles.Count), Is.EqualTo((0, 0)));
        foreach (var instance in received)
        {
            Assert.That(instance.ReadDataset().GetString(DicomTags.SOPInstanceUID), Is.EqualTo(instance.SopInstanceUid),
                "the data set in the file is the one its command announced");
        }

        await host.WaitForIdleAsync(TimeSpan.FromSeconds(5));
        Assert.That(host.Log.WithEventId(1001), Has.Count.EqualTo(Senders));
        Assert.That(host.Associations.Ended.Select(a => (a.Instances, a.Failures, a.Outcome)),
            Is.All.EqualTo((InstancesPerSender, 0, "released")));
    }
}
