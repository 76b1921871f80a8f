using System.Net;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>Who the listener admits: allowed calling AE titles (and addresses), its own called AE title, and the association limit.</summary>
[TestFixture]
[Category("Interop")]
public sealed class AdmissionTests
{
    [Test]
    public async Task Store_UnknownCallingAE_IsRejectedWhileAnAllowedOneStores()
    {
        var path = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        await using var host = await ScpHost.StartAsync(o => o with { AllowedCallers = [new AllowedCaller("PACS1")] });

        var intruder = await host.StoreAsync([], "INTRUDER", path);
        var allowed = await host.StoreAsync([], "PACS1", path);

        Assert.That(intruder.ExitCode, Is.Not.Zero);
        Assert.That(intruder.StdOut + intruder.StdErr, Does.Contain("Association Rejected").And.Contain("Calling AE Title Not Recognized"));
        Assert.That(allowed.ExitCode, Is.Zero, allowed.StdOut + allowed.StdErr);
        Assert.That(host.Handler.Completed.Select(r => r.CallingAE), Is.EqualTo(new[] { "PACS1" }));
        Assert.That(host.Log.WithEventId(1002).Single().Message, Does.Contain("INTRUDER"));
        Assert.That(host.Log.WithEventId(1001).Select(e => e.Message),
            Has.One.Contains("INTRUDER -> NODEAGENT").And.Contains("rejected")
            .And.One.Contains("PACS1 -> NODEAGENT").And.Contains("released"));
    }

    [Test]
    public async Task Echo_AllowedTitleFromAnotherAddress_IsRejected()
    {
        await using var host = await ScpHost.StartAsync(o => o with { AllowedCallers = [new AllowedCaller("PACS1", [IPAddress.Parse("10.1.2.3")])] });

        var result = await host.EchoAsync("PACS1");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StdOut + result.StdErr, Does.Contain("Calling AE Title Not Recognized"));
    }

    [Test]
    public async Task Echo_NoAllowedCallers_AdmitsNobody()
    {
        await using var host = await ScpHost.StartAsync(o => o with { AllowedCallers = [] });

        var result = await host.EchoAsync("ANYONE");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StdOut + result.StdErr, Does.Contain("Calling AE Title Not Recognized"));
    }

    [Test]
    public async Task Echo_WrongCalledAE_IsRejected()
    {
        await using var host = await ScpHost.StartAsync();

        var wrong = await host.EchoAsync(calledAe: "SOMEONEELSE");

        Assert.That(wrong.ExitCode, Is.Not.Zero);
        Assert.That(wrong.StdOut + wrong.StdErr, Does.Contain("Called AE Title Not Recognized"));
        Assert.That(host.Log.WithEventId(1002).Single().Message, Does.Contain("SOMEONEELSE"));
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Associate_OverMaxAssociations_IsRejectedTransientlyUntilTheFirstEnds()
    {
        await using var host = await ScpHost.StartAsync(o => o with { MaxAssociations = 1 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var first = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token);
        await first.AssociateAsync(RawPeer.Request("FIRST", RawPeer.CtContext()), cancel.Token);

        await using (var second = await RawPeer.ConnectAsync(host.EndPoint, cancel.Token))
        {
            await second.SendAsync(RawPeer.Request("SECOND", RawPeer.CtContext()), cancel.Token);
            var answer = await second.ReceiveAsync(cancel.Token);

            Assert.That(answer, Is.EqualTo(AssociateReject.Create(AssociateRejectResult.Transient, PresentationRejectReason.LocalLimitExceeded)));
        }

        var echo = await host.EchoAsync("THIRD");
        Assert.That(echo.ExitCode, Is.Not.Zero);
        Assert.That(echo.StdOut + echo.StdErr, Does.Contain("Rejected Transient").And.Contain("Local Limit Exceeded"));

        await first.ReleaseAsync(cancel.Token);
        await host.WaitForIdleAsync(TimeSpan.FromSeconds(5));
        await host.AssertStillServesAsync();
    }
}
