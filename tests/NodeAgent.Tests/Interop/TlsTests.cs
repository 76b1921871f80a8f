using System.Globalization;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace NodeAgent.Tests.Interop;

/// <summary>
/// The DICOM TLS port (PS3.15 Annex B.1) of the real agent against DCMTK's storescu: the server certificate is
/// verified by the sender against the CA it trusts, and with TlsClientCa the agent verifies the sender's.
/// Certificates come from throwaway CAs made for this fixture, written as PEM files.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class TlsTests
{
    private static readonly TimeSpan StorescuTimeout = TimeSpan.FromSeconds(30);

    private TempDirectory? _pki;
    private TestCertificates? _ours;
    private TestCertificates? _other;
    private TestCertificates? _intermediate;
    private TestCertificates.PemFiles? _server;
    private TestCertificates.PemFiles? _client;
    private TestCertificates.PemFiles? _strangerClient;
    private TestCertificates.PemFiles? _departmentClient;
    private TempDirectory? _directory;
    private AgentProcess? _agent;

    [OneTimeSetUp]
    public void CreateCertificates()
    {
        _pki = new TempDirectory("tls-pki");
        _ours = TestCertificates.CreateAuthority(_pki.Path, "ours");
        _other = TestCertificates.CreateAuthority(_pki.Path, "other");
        _server = _ours.IssueServer("server");
        _client = _ours.IssueClient("client");
        _strangerClient = _other.IssueClient("stranger");
        _intermediate = _ours.IssueIntermediate("department");
        _departmentClient = _intermediate.IssueClient("department-client");
    }

    [OneTimeTearDown]
    public void DeleteCertificates()
    {
        _ours?.Dispose();
        _other?.Dispose();
        _intermediate?.Dispose();
        _pki?.Dispose();
    }

    [TearDown]
    public async Task StopAgent()
    {
        if (_agent is not null)
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
            {
                await TestContext.Out.WriteLineAsync($"--- nodeagent output ---\n{_agent.Output}");
            }

            await _agent.DisposeAsync();
            _agent = null;
        }

        _directory?.Dispose();
        _directory = null;
    }

    [Test]
    public async Task TlsPort_SenderTrustsOurCa_InstanceArrives()
    {
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, tlsPort) = await StartAgentAsync(requireClientCertificate: false);

        var store = await StorescuAsync(tlsPort, trusted: _ours!.AuthorityPem, client: _client, ct);

        Assert.That(store.ExitCode, Is.Zero, store.StdOut + store.StdErr);
        await AssertKeptOnlyAsync(agent, ct, "TLSCLIENT");
    }

    [Test]
    public async Task TlsPort_SenderTrustsAnotherCa_SenderRefusesServerAndNothingArrives()
    {
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, tlsPort) = await StartAgentAsync(requireClientCertificate: false);

        var store = await StorescuAsync(tlsPort, trusted: _other!.AuthorityPem, client: _client, ct);

        Assert.That(store.ExitCode, Is.Not.Zero, store.StdOut + store.StdErr);
        Assert.That(store.StdOut + store.StdErr, Does.Contain("certificate verify failed").IgnoreCase);
        await WaitForHandshakeFailureAsync(agent);
        Assert.That(Directory.GetFiles(agent.SpoolDirectory, "*.dcm"), Is.Empty);
    }

    [Test]
    public async Task TlsPort_PlainPortAlongside_StillAcceptsStores()
    {
        var storescu = Peers.Require("storescu");
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, _) = await StartAgentAsync(requireClientCertificate: true);

        var store = await ProcessRunner.RunAsync(storescu, ["-aet", "PLAIN", "-aec", "NODEAGENT", "127.0.0.1", Invariant(agent.Port), ct], StorescuTimeout);

        Assert.That(store.ExitCode, Is.Zero, store.StdOut + store.StdErr);
        await AssertKeptOnlyAsync(agent, ct, "PLAIN");
    }

    [Test]
    public async Task TlsClientCa_ClientCertificateFromOurCa_Accepted()
    {
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, tlsPort) = await StartAgentAsync(requireClientCertificate: true);

        var store = await StorescuAsync(tlsPort, trusted: _ours!.AuthorityPem, client: _client, ct);

        Assert.That(store.ExitCode, Is.Zero, store.StdOut + store.StdErr);
        await AssertKeptOnlyAsync(agent, ct, "TLSCLIENT");
    }

    [Test]
    public async Task TlsClientCa_ClientCertificateFromAnotherCa_HandshakeRefused()
    {
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, tlsPort) = await StartAgentAsync(requireClientCertificate: true);

        var store = await StorescuAsync(tlsPort, trusted: _ours!.AuthorityPem, client: _strangerClient, ct);

        Assert.That(store.ExitCode, Is.Not.Zero, store.StdOut + store.StdErr);
        await WaitForHandshakeFailureAsync(agent);
        Assert.That(Directory.GetFiles(agent.SpoolDirectory, "*.dcm"), Is.Empty);
    }

    /// <summary>
    /// A hospital PKI issues client certificates from an intermediate CA; the sender presents leaf + intermediate
    /// (DCMTK sends the whole chain file) and TlsClientCa holds only the root. OpenSSL's s_server accepts this chain.
    /// </summary>
    [Test]
    public async Task TlsClientCa_ClientCertificateFromIntermediateCa_Accepted()
    {
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, tlsPort) = await StartAgentAsync(requireClientCertificate: true);

        var store = await StorescuAsync(tlsPort, trusted: _ours!.AuthorityPem, client: _departmentClient, ct);

        Assert.That(store.ExitCode, Is.Zero, store.StdOut + store.StdErr);
        await AssertKeptOnlyAsync(agent, ct, "TLSCLIENT");
    }

    [Test]
    public async Task TlsClientCa_NoClientCertificate_HandshakeRefused()
    {
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, tlsPort) = await StartAgentAsync(requireClientCertificate: true);

        var store = await StorescuAsync(tlsPort, trusted: _ours!.AuthorityPem, client: null, ct);

        Assert.That(store.ExitCode, Is.Not.Zero, store.StdOut + store.StdErr);
        await WaitForHandshakeFailureAsync(agent);
        Assert.That(Directory.GetFiles(agent.SpoolDirectory, "*.dcm"), Is.Empty);
    }

    /// <summary>Starts the agent with a TLS port and our server certificate; optionally requires client certificates from our CA.</summary>
    private async Task<(AgentProcess Agent, int TlsPort)> StartAgentAsync(bool requireClientCertificate)
    {
        Peers.Require("storescu");
        _directory = new TempDirectory("agent-tls");
        var tlsPort = AgentProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["NodeAgent__Dicom__TlsPort"] = Invariant(tlsPort),
            ["NodeAgent__Dicom__TlsCertificate"] = _server!.Certificate,
            ["NodeAgent__Dicom__TlsPrivateKey"] = _server.PrivateKey,
        };
        if (requireClientCertificate)
        {
            settings["NodeAgent__Dicom__TlsClientCa"] = _ours!.AuthorityPem;
        }

        _agent = await AgentProcess.StartAsync(_directory.Path, settings);
        await WaitForOutputAsync(_agent, $":{Invariant(tlsPort)} as NODEAGENT (TLS)");
        return (_agent, tlsPort);
    }

    /// <summary>
    /// storescu over TLS: verifies the server against <paramref name="trusted"/> (DCMTK's default, --require-peer-cert),
    /// and presents <paramref name="client"/>, or no certificate at all (+tla) when it is null.
    /// </summary>
    private static async Task<ProcessResult> StorescuAsync(int tlsPort, string trusted, TestCertificates.PemFiles? client, string file)
    {
        var storescu = Peers.Require("storescu");
        List<string> arguments = client is null
            ? ["+tla"]
            : ["+tls", client.PrivateKey, client.Certificate, "-pem", "-pw"];
        arguments.AddRange(["+cf", trusted, "-aet", "TLSCLIENT", "-aec", "NODEAGENT", "127.0.0.1", Invariant(tlsPort), file]);
        return await ProcessRunner.RunAsync(storescu, arguments, StorescuTimeout);
    }

    private static Task WaitForHandshakeFailureAsync(AgentProcess agent) =>
        WaitForOutputAsync(agent, "TLS handshake with 127.0.0.1 failed");

    /// <summary>The agent's console log is written asynchronously: wait (with a deadline) for a line to show up.</summary>
    private static async Task WaitForOutputAsync(AgentProcess agent, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!agent.Output.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.That(agent.Output, Does.Contain(text));
    }

    /// <summary>
    /// One association from <paramref name="callingAe"/> stored the one instance (its log line), and the instance is kept:
    /// in the spool or, once the ingest pipeline has taken it, stored and indexed (checked after the stop).
    /// </summary>
    private static async Task AssertKeptOnlyAsync(AgentProcess agent, string sample, string callingAe)
    {
        await WaitForOutputAsync(agent, $"{callingAe} -> NODEAGENT");
        Assert.That(agent.Output, Does.Match($@"{callingAe} -> NODEAGENT, \d+ contexts accepted, 1 instances \(0 failed\)"));
        Assert.That(await agent.StopAsync(TimeSpan.FromSeconds(60)), Is.Zero, agent.Output);
        var uid = DicomFile.Open(sample).Dataset.GetString(DicomTags.SOPInstanceUID)!;
        Assert.That(KeptInstances.Missing(agent.DataDirectory, [uid]), Is.Empty);
        Assert.That(Directory.GetFiles(agent.SpoolDirectory, "*.dcm"), Has.Length.LessThanOrEqualTo(1));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
