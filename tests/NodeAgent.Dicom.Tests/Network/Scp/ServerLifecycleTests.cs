using System.Diagnostics;
using System.Net.Sockets;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>Starting and stopping the listener: draining associations in flight, then aborting what is left.</summary>
[TestFixture]
[Category("Interop")]
public sealed class ServerLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task StopAsync_IdleAssociationPastTheDrainTimeout_IsAbortedAndNewConnectionsAreRefused()
    {
        await using var host = await ScpHost.StartAsync(o => o with { DrainTimeout = TimeSpan.FromSeconds(1) });
        using var cancel = new CancellationTokenSource(Timeout);
        await using var peer = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token);
        await peer.AssociateAsync(RawPeer.Request("LINGERER", RawPeer.CtContext()), cancel.Token);
        var clock = Stopwatch.StartNew();

        await host.Server.StopAsync(cancel.Token);

        Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5)));
        var abort = await peer.ExpectAbortAsync(TimeSpan.FromSeconds(5));
        Assert.That(abort, Is.Not.Null);
        var summary = await host.Associations.NextEndedAsync(Timeout);
        Assert.That(summary.Outcome, Does.Contain("stopping"));
        Assert.That(host.Log.WithEventId(1007), Has.Count.EqualTo(1));
        Assert.That(async () => await RawPeer.ConnectAsync(host.EndPoint, cancel.Token), Throws.InstanceOf<SocketException>());
    }

    [Test]
    public async Task StopAsync_AssociationFinishingWithinTheDrain_IsServedToTheEnd()
    {
        var body = ScpSamples.DatasetBytes(RepoPaths.RequireSample("pydicom/CT_small.dcm"));
        await using var host = await ScpHost.StartAsync(o => o with { DrainTimeout = TimeSpan.FromSeconds(10) });
        using var cancel = new CancellationTokenSource(Timeout);
        await using var peer = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token);
        await peer.AssociateAsync(RawPeer.Request("FINISHER", RawPeer.CtContext()), cancel.Token);

        var stopping = host.Server.StopAsync(cancel.Token);
        await peer.SendCommandAsync(1, DimseCommand.StoreRequest(1, RawPeer.CtImageStorage, DicomUid.Generate()), cancel.Token);
        await peer.SendDataAsync(1, body, isLast: true, cancel.Token);
        using (var response = (DataTransfer)(await peer.ReceiveAsync(cancel.Token))!)
        {
            Assert.That(DimseCommand.Decode(response.Values[0].Data).Status, Is.EqualTo(DimseStatus.Success));
        }

        await peer.ReleaseAsync(cancel.Token);
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(host.Handler.Completed, Has.Count.EqualTo(1));
        Assert.That((await host.Associations.NextEndedAsync(Timeout)).Outcome, Is.EqualTo("released"));
    }

    [Test]
    public async Task StopAsync_NothingInFlight_ReturnsAtOnce()
    {
        await using var host = await ScpHost.StartAsync(o => o with { DrainTimeout = TimeSpan.FromSeconds(30) });
        await host.AssertStillServesAsync();
        await host.WaitForIdleAsync(TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        await host.Server.StopAsync(CancellationToken.None);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }
}
