using Microsoft.Extensions.Logging;
using NodeAgent.Federation.Link;
using NodeAgent.Hub.Hosting;
using NodeAgent.Testing;

namespace NodeAgent.Federation.Tests.Support;

/// <summary>
/// A real hub (Kestrel, TLS 1.2/1.3, client certificates) on a loopback port chosen by the OS, the PKI it and its
/// nodes use, and the nodes started against it. Everything is stopped and deleted on dispose.
/// </summary>
public sealed class LinkHarness : IAsyncDisposable
{
    private readonly List<NodeRun> _nodes = [];

    private LinkHarness(TempDirectory directory, FederationPki pki, FederationPki.Issued hubCertificate, string authorityPem, IReadOnlyList<string> allowed)
    {
        Directory = directory;
        Pki = pki;
        HubCertificate = hubCertificate;
        AuthorityPem = authorityPem;
        Allowed = allowed;
    }

    /// <summary>The CA both sides trust (the harness PKI's, or one made by make-pki.sh).</summary>
    public string AuthorityPem { get; }

    public TempDirectory Directory { get; }

    public FederationPki Pki { get; }

    public FederationPki.Issued HubCertificate { get; }

    public IReadOnlyList<string> Allowed { get; }

    public HubServer? Hub { get; private set; }

    public int Port { get; private set; }

    public ListLogger HubLog { get; } = new();

    /// <summary>Makes the PKI (hub, node-a, node-b by thumbprint and subject) and starts a hub.</summary>
    public static async Task<LinkHarness> StartAsync()
    {
        var directory = new TempDirectory("federation");
        var pki = FederationPki.Create(directory.Path, "federation");
        var hub = pki.IssueHub("hub");
        var nodeA = pki.IssueNode("node-a");
        _ = pki.IssueNode("node-b");
        var harness = new LinkHarness(directory, pki, hub, pki.AuthorityPem, [nodeA.Sha256, "CN=node-b"]);
        await harness.StartHubAsync(port: 0);
        return harness;
    }

    /// <summary>Starts a hub on certificates made elsewhere (in <paramref name="directory"/>, which the harness then owns).</summary>
    public static async Task<LinkHarness> StartAsync(TempDirectory directory, FederationPki.Issued hubCertificate, string authorityPem, IReadOnlyList<string> allowed)
    {
        var harness = new LinkHarness(directory, FederationPki.Create(directory.Path, "unused"), hubCertificate, authorityPem, allowed);
        await harness.StartHubAsync(port: 0);
        return harness;
    }

    public async Task StartHubAsync(int port)
    {
        var options = new HubServerOptions
        {
            ListenAddress = "127.0.0.1",
            Port = port,
            AdminPort = 0,
            Certificate = HubCertificate.Certificate,
            PrivateKey = HubCertificate.PrivateKey,
            ClientCa = AuthorityPem,
            AllowedNodes = [.. Allowed],
        };
        Hub = HubServer.Create(options, logging => logging.AddProvider(new ListLoggerProvider(HubLog)).SetMinimumLevel(LogLevel.Debug));
        await Hub.StartAsync();
        Port = Hub.GrpcPort;
    }

    public async Task StopHubAsync()
    {
        if (Hub is { } hub)
        {
            Hub = null;
            await hub.StopAsync();
            await hub.DisposeAsync();
        }
    }

    /// <summary>The link options of a node with the given certificate files, trusting the harness CA.</summary>
    public HubOptions NodeOptions(string nodeId, string certificateName) => new()
    {
        Address = $"https://localhost:{Port}",
        NodeId = nodeId,
        ClientCertificate = Directory.Combine($"{certificateName}.pem"),
        ClientKey = Directory.Combine($"{certificateName}.key"),
        TrustedCa = AuthorityPem,
        HeartbeatSeconds = 0.3,
        MaxBackoffSeconds = 1,
    };

    /// <summary>Waits until the node sees itself connected and the hub has registered its Hello.</summary>
    public async Task WaitUntilConnectedAsync(NodeRun node)
    {
        await node.WaitForStateAsync(HubLinkState.Connected, TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(() => Hub?.Registry.ConnectedNodeIds().Contains(node.Options.NodeId!) == true, TimeSpan.FromSeconds(15), () => $"the hub registers {node.Options.NodeId}:\n{HubLog.Dump()}");
    }

    public NodeRun StartNode(HubOptions options, IQueryResponder responder)
    {
        var node = new NodeRun(options, responder, Directory.Combine($"{options.NodeId}-{Guid.NewGuid():N}", "outbox.db"));
        _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await StopHubAsync();
        Pki.Dispose();
        Directory.Dispose();
    }
}
