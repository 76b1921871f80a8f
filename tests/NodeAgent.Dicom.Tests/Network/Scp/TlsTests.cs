using System.Security.Cryptography.X509Certificates;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>The DICOM TLS port (PS3.15 Annex B.1) with DCMTK's echoscu: anonymous and authenticated clients.</summary>
[TestFixture]
[Category("Interop")]
public sealed class TlsTests
{
    private X509Certificate2 _server = null!;
    private X509Certificate2 _authority = null!;
    private X509Certificate2 _client = null!;
    private X509Certificate2 _stranger = null!;

    [OneTimeSetUp]
    public void CreateCertificates()
    {
        _server = TestCertificates.SelfSigned("nodeagent-test-server");
        _authority = TestCertificates.SelfSigned("nodeagent-test-ca", isAuthority: true);
        _client = TestCertificates.IssuedBy(_authority, "PACS1");
        _stranger = TestCertificates.SelfSigned("stranger");
    }

    [OneTimeTearDown]
    public void DisposeCertificates()
    {
        _server.Dispose();
        _authority.Dispose();
        _client.Dispose();
        _stranger.Dispose();
    }

    [Test]
    public async Task Echo_AnonymousTlsClient_Succeeds()
    {
        await using var host = await ScpHost.StartAsync(o => o with { TlsPort = 0, TlsCertificate = _server });

        var result = await host.EchoTlsAsync(["+tla", "-ic"]);

        Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr + host.Log.Dump());
        var summary = await host.Associations.NextEndedAsync(TimeSpan.FromSeconds(5));
        Assert.That(summary.Outcome, Is.EqualTo("released"));
    }

    [Test]
    public async Task Echo_PlainDicomToTheTlsPort_FailsTheHandshakeAndTheListenerKeepsServing()
    {
        await using var host = await ScpHost.StartAsync(o => o with { TlsPort = 0, TlsCertificate = _server });

        var plain = await host.EchoTlsAsync([]);

        Assert.That(plain.ExitCode, Is.Not.Zero);
        Assert.That(host.Log.WithEventId(1006), Has.Count.EqualTo(1), host.Log.Dump());
        var secure = await host.EchoTlsAsync(["+tla", "-ic"]);
        Assert.That(secure.ExitCode, Is.Zero, secure.StdOut + secure.StdErr);
        await host.AssertStillServesAsync();
    }

    [Test]
    public async Task Echo_ClientAuthorityConfigured_AdmitsOnlyCertificatesItIssued()
    {
        await using var host = await ScpHost.StartAsync(o => o with
        {
            TlsPort = 0,
            TlsCertificate = _server,
            TlsClientAuthorities = [_authority],
        });
        var (clientKey, clientCertificate) = TestCertificates.WritePem(_client, host.Directory.Path, "client");
        var (strangerKey, strangerCertificate) = TestCertificates.WritePem(_stranger, host.Directory.Path, "stranger");

        var anonymous = await host.EchoTlsAsync(["+tla", "-ic"]);
        var stranger = await host.EchoTlsAsync(["+tls", strangerKey, strangerCertificate, "-pw", "-ic"]);
        var issued = await host.EchoTlsAsync(["+tls", clientKey, clientCertificate, "-pw", "-ic"]);

        Assert.That(anonymous.ExitCode, Is.Not.Zero, "no client certificate");
        Assert.That(stranger.ExitCode, Is.Not.Zero, "a certificate from another authority");
        Assert.That(issued.ExitCode, Is.Zero, issued.StdOut + issued.StdErr + host.Log.Dump());
        Assert.That(host.Log.WithEventId(1006), Has.Count.EqualTo(2), host.Log.Dump());
    }
}
