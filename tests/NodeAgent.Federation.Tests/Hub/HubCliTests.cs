using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NodeAgent.Federation.Link;
using NodeAgent.Federation.Tests.Support;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Hub;

/// <summary>The nodeagent-hub executable's query and nodes verbs, against a running hub through its admin port.</summary>
[CancelAfter(90_000)]
public sealed class HubCliTests
{
    private LinkHarness _harness = null!;

    private static string HubExecutable => Path.Combine(AppContext.BaseDirectory, "nodeagent-hub.dll");

    [SetUp]
    public async Task StartHubAndNode()
    {
        _harness = await LinkHarness.StartAsync();
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), new ScriptedResponder(value: 25));
        await _harness.WaitUntilConnectedAsync(node);
    }

    [TearDown]
    public async Task StopAll() => await _harness.DisposeAsync();

    [Test]
    public async Task Query_ConnectedNode_PrintsMergedTableAndNodeStatus()
    {
        var file = _harness.Directory.Combine("query.json");
        await File.WriteAllTextAsync(file, """{ "groupBy": ["modality"], "measures": ["patients", "studies"] }""");
        var result = await Hub("query", file, "--nodes", "all", "--timeout", "10");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.StdErr);
            Assert.That(result.StdOut, Does.Contain("1 of 1 node(s) answered"));
            Assert.That(result.StdOut, Does.Match(@"modality\s+patients\s+studies"));
            Assert.That(result.StdOut, Does.Match(@"CT\s+25\s+<10"));
            Assert.That(result.StdOut, Does.Match(@"node-a\s+answered\s+policy policy-test"));
        });
    }

    [Test]
    public async Task Query_UnknownNodeNamed_ReportedTimedOutNotConnected()
    {
        var file = _harness.Directory.Combine("query.json");
        await File.WriteAllTextAsync(file, """{ "measures": ["instances"] }""");
        var result = await Hub("query", file, "--nodes", "node-a,node-z", "--timeout", "1");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), "not every node answered");
            Assert.That(result.StdOut, Does.Match(@"node-z\s+timed-out\s+not connected"));
        });
    }

    [Test]
    public async Task Query_InvalidFile_UsageWithReason()
    {
        var file = _harness.Directory.Combine("query.json");
        await File.WriteAllTextAsync(file, """{ "measures": ["pixels"] }""");
        var result = await Hub("query", file);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr, Does.Contain("unknown measure"));
        });
    }

    [Test]
    public async Task Nodes_ConnectedNode_Listed()
    {
        var result = await Hub("nodes");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.StdErr);
            Assert.That(result.StdOut, Does.Match(@"node-a\s+yes\s+"));
            Assert.That(result.StdOut, Does.Contain("CN=node-a"));
        });
    }

    [Test]
    public async Task Serve_ShippedConfiguration_RefusesWithEveryMissingKey()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [HubExecutable, "serve"], TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.StdOut + result.StdErr);
            Assert.That(result.StdErr, Does.Contain("configuration error: Hub:Certificate is missing"));
            Assert.That(result.StdErr, Does.Contain("Hub:ClientCa is missing"));
            Assert.That(result.StdErr, Does.Contain("Hub:AllowedNodes is empty"));
        });
    }

    [Test]
    public async Task Serve_ConfiguredHub_NodeConnectsAndQueryAnswers()
    {
        var config = _harness.Directory.Combine("hub.json");
        var port = FreePort();
        var admin = FreePort();
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Hub = new
            {
                ListenAddress = "127.0.0.1",
                Port = port,
                AdminPort = admin,
                Certificate = _harness.HubCertificate.Certificate,
                PrivateKey = _harness.HubCertificate.PrivateKey,
                ClientCa = _harness.AuthorityPem,
                AllowedNodes = _harness.Allowed,
            },
        }));
        using var stop = new CancellationTokenSource();
        var serving = ProcessRunner.RunAsync("dotnet", [HubExecutable, "serve", "--config", config], TimeSpan.FromSeconds(80), cancellationToken: stop.Token);
        try
        {
            var options = _harness.NodeOptions("node-b", "node-b");
            options.Address = $"https://localhost:{port}";
            var node = _harness.StartNode(options, new ScriptedResponder(value: 40));
            await node.WaitForStateAsync(HubLinkState.Connected, TimeSpan.FromSeconds(30));
            var file = _harness.Directory.Combine("query.json");
            await File.WriteAllTextAsync(file, """{ "measures": ["patients"] }""");
            var result = await ProcessRunner.RunAsync("dotnet", [HubExecutable, "query", file, "--nodes", "node-b", "--timeout", "10", "--config", config], TimeSpan.FromSeconds(60));
            Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
            Assert.That(result.StdOut, Does.Match(@"node-b\s+answered"));
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
                // ProcessRunner kills the hub process with its tree.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<ProcessResult> Hub(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [HubExecutable, .. arguments, "--admin", $"http://127.0.0.1:{_harness.Hub!.AdminPort}"], TimeSpan.FromSeconds(60));
}
