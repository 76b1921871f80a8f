using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using NodeAgent.Federation.Contract;
using NodeAgent.Hub.Hosting;
using NodeAgent.Hub.Queries;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Federation;

/// <summary>
/// Issue 5 end to end on loopback: the reference hub (real Kestrel, real mutual TLS) and two `nodeagent run`
/// processes with different data sent over DICOM with storescu; queries go through the real hub link, the query
/// engine, disclosure control and the audit log of each node, and come back merged.
/// </summary>
[Category("Interop")]
[CancelAfter(150_000)]
public sealed class FederationEndToEndTests
{
    private const string GroupByModality = """{ "groupBy": ["modality"], "measures": ["patients", "studies"] }""";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    public async Task TwoNodes_GroupByQuery_MergedCountsAfterPolicy_SurviveNodeAndHubRestarts_ExpiredRefused()
    {
        var storescu = Peers.Require("storescu");
        var dcmodify = Peers.Require("dcmodify");
        using var directory = new TempDirectory("federation-e2e");
        using var authority = TestCertificates.CreateAuthority(directory.Path, "federation");
        var hubFiles = authority.IssueServer("hub");
        var hubOptions = new HubServerOptions
        {
            ListenAddress = "127.0.0.1",
            Port = 0,
            AdminPort = 0,
            Certificate = hubFiles.Certificate,
            PrivateKey = hubFiles.PrivateKey,
            ClientCa = authority.AuthorityPem,
            AllowedNodes = ["CN=node-a", "CN=node-b"],
        };
        var hub = HubServer.Create(hubOptions);
        await hub.StartAsync();
        try
        {
            var port = hub.GrpcPort;
            // Node A: CT for 3 patients, MR for 1. Node B: CT for 2, MR for 2. With k = 2, no rounding and no noise,
            // the policy releases A's CT 3, suppresses A's MR (1 patient), releases B's CT 2 and MR 2.
            var nodeA = await StartNodeAsync(directory, authority, "node-a", port);
            var nodeB = await StartNodeAsync(directory, authority, "node-b", port);
            try
            {
                await SendAsync(storescu, dcmodify, directory, nodeA.Agent, "A", ct: 3, mr: 1);
                await SendAsync(storescu, dcmodify, directory, nodeB.Agent, "B", ct: 2, mr: 2);
                await WaitUntilAsync(() => hub.Registry.Nodes() is { Count: 2 } nodes && nodes.All(n => n.Connected && n.Instances == 4), "both nodes report 4 instances indexed", nodeA, nodeB);

                var merged = await hub.Coordinator.RunAsync(QueryJsonParser.Parse(GroupByModality), null, TimeSpan.FromSeconds(20), "e2e-1", CancellationToken.None);
                Assert.Multiple(() =>
                {
                    Assert.That(merged.Nodes.Select(n => (n.NodeId, n.Status)), Is.EqualTo(new[] { ("node-a", "answered"), ("node-b", "answered") }), Describe(merged));
                    Assert.That(Cells(merged), Is.EqualTo(new Dictionary<string, string> { ["CT"] = "5 | 5", ["MR"] = "2 + <2 | 2 + <2" }), Describe(merged));
                    Assert.That(merged.Nodes.Select(n => n.PolicyHash).Distinct().Count(), Is.EqualTo(1), "both nodes run the same policy");
                });

                // Node B goes down; the query is pending for it while it restarts, and it answers once it is back.
                await nodeB.Agent.KillAsync();
                await WaitUntilAsync(() => !hub.Registry.Nodes().Single(n => n.NodeId == "node-b").Connected, "the hub notices node-b is gone", nodeA, nodeB);
                var pending = hub.Coordinator.RunAsync(QueryJsonParser.Parse(GroupByModality), ["node-a", "node-b"], TimeSpan.FromSeconds(40), "e2e-2", CancellationToken.None);
                await nodeB.Agent.DisposeAsync();
                nodeB = await StartNodeAsync(directory, authority, "node-b", port);
                var afterRestart = await pending;
                Assert.Multiple(() =>
                {
                    Assert.That(afterRestart.Nodes.Select(n => n.Status), Is.EqualTo(new[] { "answered", "answered" }), Describe(afterRestart) + nodeB.Agent.Output);
                    Assert.That(Cells(afterRestart), Is.EqualTo(Cells(merged)), "the restarted node answers the same");
                });

                // An expired query is refused by every node without running.
                var expired = new QueryRequest
                {
                    QueryId = "e2e-expired",
                    RequesterId = "e2e-3",
                    Deadline = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-5)),
                    Query = QueryJsonParser.Parse(GroupByModality),
                };
                var refused = await hub.Coordinator.RunAsync(expired, ["node-a", "node-b"], CancellationToken.None);
                Assert.That(refused.Nodes.Select(n => (n.Status, n.Code)), Is.EqualTo(new[] { ("refused", "expired"), ("refused", "expired") }), Describe(refused));

                // The hub restarts on its port: both nodes are back within the backoff cap (2 s here) plus a TLS handshake.
                await hub.StopAsync();
                await hub.DisposeAsync();
                hubOptions.Port = port;
                hub = HubServer.Create(hubOptions);
                await hub.StartAsync();
                var restarted = DateTime.UtcNow;
                await WaitUntilAsync(() => hub.Registry.ConnectedNodeIds().Count == 2, "both nodes reconnect to the restarted hub", nodeA, nodeB);
                Assert.That(DateTime.UtcNow - restarted, Is.LessThan(TimeSpan.FromSeconds(2 + 3)));
            }
            finally
            {
                await nodeA.Agent.DisposeAsync();
                await nodeB.Agent.DisposeAsync();
            }
        }
        finally
        {
            await hub.StopAsync();
            await hub.DisposeAsync();
        }
    }

    [Test]
    public async Task EpsilonLedger_QueryOverBudget_RefusalReachesHubWithReason()
    {
        var storescu = Peers.Require("storescu");
        var dcmodify = Peers.Require("dcmodify");
        using var directory = new TempDirectory("federation-e2e");
        using var authority = TestCertificates.CreateAuthority(directory.Path, "federation");
        var hubFiles = authority.IssueServer("hub");
        await using var hub = HubServer.Create(new HubServerOptions
        {
            ListenAddress = "127.0.0.1",
            Port = 0,
            AdminPort = 0,
            Certificate = hubFiles.Certificate,
            PrivateKey = hubFiles.PrivateKey,
            ClientCa = authority.AuthorityPem,
            AllowedNodes = ["CN=node-a"],
        });
        await hub.StartAsync();
        var privacy = new Dictionary<string, string>
        {
            ["NodeAgent__Disclosure__DifferentialPrivacy"] = "true",
            ["NodeAgent__Disclosure__EpsilonPerQuery"] = "0.6",
            ["NodeAgent__Disclosure__EpsilonBudget"] = "1.0",
        };
        var node = await StartNodeAsync(directory, authority, "node-a", hub.GrpcPort, privacy);
        try
        {
            await SendAsync(storescu, dcmodify, directory, node.Agent, "A", ct: 3, mr: 0);
            await WaitUntilAsync(() => hub.Registry.Nodes() is [{ Connected: true, Instances: 3 }], "node-a reports 3 instances", node, node);
            var first = await hub.Coordinator.RunAsync(QueryJsonParser.Parse(GroupByModality), null, TimeSpan.FromSeconds(20), "dp-requester", CancellationToken.None);
            var second = await hub.Coordinator.RunAsync(QueryJsonParser.Parse("""{ "measures": ["series"] }"""), null, TimeSpan.FromSeconds(20), "dp-requester", CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(first.Nodes.Single().Status, Is.EqualTo("answered"), Describe(first));
                Assert.That(first.Nodes.Single().EpsilonSpent, Is.EqualTo(0.6).Within(1e-9));
                Assert.That(second.Nodes.Single().Status, Is.EqualTo("refused"), Describe(second));
                Assert.That(second.Nodes.Single().Code, Is.EqualTo("epsilon-exhausted"));
                Assert.That(second.Nodes.Single().Reason, Is.Not.Empty, "the hub sees why");
            });
        }
        finally
        {
            await node.Agent.DisposeAsync();
            await hub.StopAsync();
        }
    }

    private static async Task<Node> StartNodeAsync(TempDirectory directory, TestCertificates authority, string nodeId, int hubPort, IDictionary<string, string>? extra = null)
    {
        var home = directory.Combine(nodeId);
        Directory.CreateDirectory(home);
        var certificate = File.Exists(directory.Combine($"{nodeId}.pem"))
            ? new TestCertificates.PemFiles(directory.Combine($"{nodeId}.pem"), directory.Combine($"{nodeId}.key"))
            : authority.IssueClient(nodeId);
        var settings = new Dictionary<string, string>
        {
            ["NodeAgent__Hub__Address"] = $"https://localhost:{hubPort.ToString(CultureInfo.InvariantCulture)}",
            ["NodeAgent__Hub__NodeId"] = nodeId,
            ["NodeAgent__Hub__ClientCertificate"] = certificate.Certificate,
            ["NodeAgent__Hub__ClientKey"] = certificate.PrivateKey,
            ["NodeAgent__Hub__TrustedCa"] = authority.AuthorityPem,
            ["NodeAgent__Hub__HeartbeatSeconds"] = "0.5",
            ["NodeAgent__Hub__MaxBackoffSeconds"] = "2",
            ["NodeAgent__Disclosure__MinimumCellSize"] = "2",
            ["NodeAgent__Disclosure__RoundingBase"] = "1",
            ["NodeAgent__Disclosure__NoiseMagnitude"] = "0",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new Node(await AgentProcess.StartAsync(home, settings));
    }

    /// <summary>Makes one single-instance study per patient from a sample (new UIDs, the patient ID given) and sends them.</summary>
    private static async Task SendAsync(string storescu, string dcmodify, TempDirectory directory, AgentProcess agent, string site, int ct, int mr)
    {
        var files = new List<string>();
        foreach (var (sample, count, modality) in new[] { ("pydicom/CT_small.dcm", ct, "CT"), ("pydicom/MR_small.dcm", mr, "MR") })
        {
            for (var i = 1; i <= count; i++)
            {
                var file = directory.Combine($"{site}-{modality}-{i}.dcm");
                File.Copy(RepoPaths.RequireSample(sample), file);
                var modified = await ProcessRunner.RunAsync(dcmodify, ["-nb", "-gst", "-gse", "-gin", "-m", $"(0010,0020)={site}-{modality}-P{i}", file], TimeSpan.FromSeconds(30));
                modified.EnsureSuccess();
                files.Add(file);
            }
        }

        var sent = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", agent.Port.ToString(CultureInfo.InvariantCulture), .. files], TimeSpan.FromSeconds(60));
        Assert.That(sent.ExitCode, Is.Zero, sent.StdErr);
    }

    private static Dictionary<string, string> Cells(MergedResult result) =>
        result.Rows.ToDictionary(r => r.Groups[0], r => string.Join(" | ", r.Cells.Select(c => c.Display)));

    private static string Describe(MergedResult result) =>
        string.Join("; ", result.Nodes.Select(n => $"{n.NodeId} {n.Status} {n.Code} {n.Reason}")) + " / " +
        string.Join("; ", result.Rows.Select(r => $"{string.Join(",", r.Groups)}: {string.Join(" | ", r.Cells.Select(c => c.Display))}"));

    private static async Task WaitUntilAsync(Func<bool> condition, string what, Node a, Node b)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}\n--- node-a:\n{a.Agent.Output}\n--- node-b:\n{b.Agent.Output}");
            }

            await Task.Delay(50);
        }
    }

    private sealed record Node(AgentProcess Agent);
}
