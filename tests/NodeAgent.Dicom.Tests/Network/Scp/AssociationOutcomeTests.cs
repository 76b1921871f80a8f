using System.Net;
using NodeAgent.Dicom.Network;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// The observer hears of every accepted connection exactly once, with a closed-set outcome and, for a rejection, a
/// short reason: what the agent's metrics are made of (nodeagent.associations{outcome}, .rejected{reason}).
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class AssociationOutcomeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Observer_ReleasedEcho_KindReleasedWithoutReason()
    {
        await using var host = await ScpHost.StartAsync();

        await host.EchoAsync();

        var summary = await host.Associations.NextEndedAsync(Timeout);
        Assert.That((summary.Kind, summary.RejectReason), Is.EqualTo((AssociationOutcome.Released, (string?)null)));
    }

    [Test]
    public async Task Observer_WrongCalledTitle_RejectedForCalledAe()
    {
        await using var host = await ScpHost.StartAsync();

        await host.EchoAsync(calledAe: "NOT_OURS");

        var summary = await host.Associations.NextEndedAsync(Timeout);
        Assert.That((summary.Kind, summary.RejectReason), Is.EqualTo((AssociationOutcome.Rejected, "called-ae")));
    }

    [Test]
    public async Task Observer_CallerNotAllowed_RejectedForCallingAe()
    {
        await using var host = await ScpHost.StartAsync(o => o with { AllowedCallers = [new AllowedCaller("PACS1", [IPAddress.Loopback])] });

        await host.EchoAsync(callingAe: "INTRUDER");

        var summary = await host.Associations.NextEndedAsync(Timeout);
        Assert.That((summary.Kind, summary.RejectReason), Is.EqualTo((AssociationOutcome.Rejected, "calling-ae")));
    }

    [Test]
    public async Task Observer_OverTheAssociationLimit_RejectedForLimit()
    {
        await using var host = await ScpHost.StartAsync(o => o with { MaxAssociations = 1 });
        var (peer, cancel) = await HostilePeer.ConnectAsync(host);
        using (cancel)
        await using (peer)
        {
            // The raw peer holds the one place (it never sends A-ASSOCIATE-RQ within this test); echoscu is one too many.
            await host.EchoAsync();

            var summary = await host.Associations.NextEndedAsync(Timeout);
            Assert.That((summary.Kind, summary.RejectReason), Is.EqualTo((AssociationOutcome.Rejected, "limit")));
        }
    }

    [Test]
    public async Task Observer_PlainDicomToTheTlsPort_RejectedForTlsAndReportedOnce()
    {
        using var certificate = TestCertificates.SelfSigned("nodeagent-outcome-test");
        await using var host = await ScpHost.StartAsync(o => o with { TlsPort = 0, TlsCertificate = certificate });

        await host.EchoTlsAsync([]);

        var summary = await host.Associations.NextEndedAsync(Timeout);
        Assert.That((summary.Kind, summary.RejectReason), Is.EqualTo((AssociationOutcome.Rejected, "tls")));
        await host.WaitForIdleAsync(Timeout);
        Assert.That(host.Associations.Ended, Has.Count.EqualTo(host.Associations.Connected), "one end per connection");
    }
}
