using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using NodeAgent.Federation.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Hub;

/// <summary>The admin API answers on its loopback port only, never on the nodes' TLS port.</summary>
[CancelAfter(60_000)]
public sealed class HubAdminTests
{
    private LinkHarness _harness = null!;

    [SetUp]
    public async Task StartHub() => _harness = await LinkHarness.StartAsync();

    [TearDown]
    public async Task StopAll() => await _harness.DisposeAsync();

    [Test]
    public async Task AdminNodes_OnAdminPort_Answers()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{_harness.Hub!.AdminPort}/admin/nodes"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
    }

    [Test]
    public async Task AdminNodes_OnNodesPortWithAdmittedCertificate_NotFound()
    {
        var files = new FederationPki.Issued(_harness.Directory.Combine("node-a.pem"), _harness.Directory.Combine("node-a.key"), "", "");
        using var pem = X509Certificate2.CreateFromPemFile(files.Certificate, files.PrivateKey);
        using var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        using var authority = X509CertificateLoader.LoadCertificateFromFile(_harness.AuthorityPem);
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return errors == SslPolicyErrors.RemoteCertificateChainErrors && chain.Build(new X509Certificate2(presented!));
                },
            },
        };
        using var http = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.GetAsync(new Uri($"https://localhost:{_harness.Port}/admin/nodes"));
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(_harness.HubLog.WithEventId(3111), Has.Count.EqualTo(1), "the refusal is logged");
        });
    }
}
