using NodeAgent.Federation.Link;
using NodeAgent.Federation.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Link;

/// <summary>Who trusts whom: the hub admits only allowed node certificates, the node only a hub it trusts.</summary>
[CancelAfter(60_000)]
public sealed class HubTrustTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private LinkHarness _harness = null!;

    [SetUp]
    public async Task StartHub() => _harness = await LinkHarness.StartAsync();

    [TearDown]
    public async Task StopAll() => await _harness.DisposeAsync();

    [Test]
    public async Task Connect_SubjectOnAllowList_Admitted()
    {
        var node = _harness.StartNode(_harness.NodeOptions("node-b", "node-b"), new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(node);
        Assert.That(_harness.Hub!.Registry.ConnectedNodeIds(), Is.EqualTo(new[] { "node-b" }));
    }

    [Test]
    public async Task Connect_CertificateOfTheCaNotOnAllowList_RefusedByHubWithPermissionDenied()
    {
        _ = _harness.Pki.IssueNode("node-c");
        var node = _harness.StartNode(_harness.NodeOptions("node-c", "node-c"), new ScriptedResponder());
        await node.WaitForStateAsync(HubLinkState.Refused, Wait);
        Assert.Multiple(() =>
        {
            Assert.That(_harness.Hub!.Registry.Nodes(), Is.Empty);
            Assert.That(_harness.HubLog.WithEventId(3101)[0].Message, Does.Contain("CN=node-c").And.Contain("allow-list"));
            Assert.That(node.Log.WithEventId(3003)[0].Message, Does.Contain("PermissionDenied"));
        });
    }

    [Test]
    public async Task Connect_NodeIdOfAnotherCertificate_RefusedByHub()
    {
        var owner = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(owner);
        var impostor = _harness.StartNode(_harness.NodeOptions("node-a", "node-b"), new ScriptedResponder());
        await impostor.WaitForStateAsync(HubLinkState.Refused, Wait);
        Assert.Multiple(() =>
        {
            Assert.That(_harness.Hub!.Registry.Nodes().Single().CertificateSubject, Is.EqualTo("CN=node-a"));
            Assert.That(owner.Worker.State, Is.EqualTo(HubLinkState.Connected), "the owner keeps its stream");
            Assert.That(_harness.HubLog.WithEventId(3101)[0].Message, Does.Contain("belongs to another certificate"));
        });
    }

    [Test]
    public async Task Connect_CertificateOfAnotherCa_RefusedByHubTls()
    {
        using var other = FederationPki.Create(_harness.Directory.Path, "intruder");
        var intruder = other.IssueNode("intruder");
        var options = _harness.NodeOptions("intruder", "intruder");
        options.ClientCertificate = intruder.Certificate;
        options.ClientKey = intruder.PrivateKey;
        var node = _harness.StartNode(options, new ScriptedResponder());
        await Eventually.HoldsAsync(() => node.Log.WithEventId(3002).Count + node.Log.WithEventId(3003).Count >= 2, Wait, () => $"two failed attempts; node log:\n{node.Log.Dump()}\nhub log:\n{_harness.HubLog.Dump()}");
        Assert.Multiple(() =>
        {
            Assert.That(node.States, Does.Not.Contain(HubLinkState.Connected));
            Assert.That(_harness.Hub!.Registry.Nodes(), Is.Empty);
        });
    }

    [Test]
    public async Task Connect_HubCertificateFromUntrustedCa_RefusedByNode()
    {
        using var other = FederationPki.Create(_harness.Directory.Path, "elsewhere");
        var options = _harness.NodeOptions("node-a", "node-a");
        options.TrustedCa = other.AuthorityPem;
        var node = _harness.StartNode(options, new ScriptedResponder());
        await node.WaitForStateAsync(HubLinkState.Refused, Wait);
        Assert.That(node.Log.WithEventId(3003), Is.Not.Empty, node.Log.Dump);
        Assert.Multiple(() =>
        {
            Assert.That(node.Log.WithEventId(3003)[0].Message, Does.Contain("does not chain to the trusted CA"));
            Assert.That(_harness.Hub!.Registry.Nodes(), Is.Empty);
        });
    }

    [Test]
    public async Task Connect_PinnedThumbprintMatches_ConnectedWithoutCa()
    {
        var options = _harness.NodeOptions("node-a", "node-a");
        options.TrustedCa = null;
        options.PinnedThumbprint = string.Join(':', _harness.HubCertificate.Sha256.Chunk(2).Select(c => new string(c)));
        var node = _harness.StartNode(options, new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(node);
    }

    [Test]
    public async Task Connect_PinnedThumbprintDiffers_RefusedByNode()
    {
        var options = _harness.NodeOptions("node-a", "node-a");
        options.PinnedThumbprint = new string('A', 64);
        var node = _harness.StartNode(options, new ScriptedResponder());
        await node.WaitForStateAsync(HubLinkState.Refused, Wait);
        Assert.That(node.Log.WithEventId(3003)[0].Message, Does.Contain("pinned thumbprint"));
    }
}
