using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// The listener's log: exactly one summary line (event 1001) per association however it ended, naming the peer, the
/// AE titles and the outcome, and never an instance UID or patient attribute.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class AssociationLogTests
{
    [Test]
    public async Task Log_AssociationsEndingEveryWay_OneSummaryLineEachWithPeerTitlesAndOutcome()
    {
        var path = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var sample = DicomFile.Open(path).Dataset;
        await using var host = await ScpHost.StartAsync(o => o with { AllowedCallers = [new AllowedCaller("STORESCU"), new AllowedCaller("ECHOSCU"), new AllowedCaller("QUITTER")] });
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var stored = await host.StoreAsync([], "STORESCU", path);
        var refused = await host.StoreAsync([], "STRANGER", path);
        await using (var garbage = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token))
        {
            await garbage.SendAsync(new byte[] { 0xFF, 0, 0, 0, 0, 4, 1, 2, 3, 4 }, cancel.Token);
            await garbage.ExpectAbortAsync(TimeSpan.FromSeconds(5));
        }

        await using (var quitter = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token))
        {
            await quitter.AssociateAsync(RawPeer.Request("QUITTER", RawPeer.CtContext()), cancel.Token);
            await quitter.SendAsync(new Abort(AbortSource.ServiceUser, AbortReason.NotSpecified), cancel.Token);
        }

        await host.AssertStillServesAsync();
        var ended = new List<AssociationSummary>();
        for (var i = 0; i < 5; i++)
        {
            ended.Add(await host.Associations.NextEndedAsync(TimeSpan.FromSeconds(5)));
        }

        Assert.That((stored.ExitCode, refused.ExitCode == 0), Is.EqualTo((0, false)));
        var lines = host.Log.WithEventId(1001);
        Assert.That(lines, Has.Count.EqualTo(5), host.Log.Dump());
        Assert.That(host.Associations.Connected, Is.EqualTo(5));
        foreach (var summary in ended)
        {
            var line = lines.Single(l => l.Message.Contains($"Association {summary.AssociationId} ", StringComparison.Ordinal)).Message;
            Assert.That(line, Does.Contain("from 127.0.0.1:").And.Contain($"{summary.CallingAE} -> {summary.CalledAE}").And.EndsWith(summary.Outcome));
        }

        Assert.That(ended.Select(s => (s.CallingAE, s.Outcome.Split(':')[0])), Is.EquivalentTo(new[]
        {
            ("STORESCU", "released"),
            ("STRANGER", "rejected"),
            ("", "aborted"),
            ("QUITTER", "aborted by peer (ServiceUser, NotSpecified)"),
            ("ECHOSCU", "released"),
        }));

        var sensitive = new[]
        {
            sample.GetString(DicomTags.SOPInstanceUID)!, sample.GetString(DicomTags.StudyInstanceUID)!,
            sample.GetString(DicomTags.PatientID)!, sample.GetString(DicomTags.PatientName)!,
        };
        Assert.That(host.Log.Entries.Select(e => e.Message), Has.None.Matches<string>(m => sensitive.Any(s => m.Contains(s, StringComparison.Ordinal))));
    }
}
