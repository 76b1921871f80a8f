using System.Net;
using System.Text.RegularExpressions;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Telemetry;

/// <summary>/metrics and /healthz of the real agent, read with HTTP after real storescu and echoscu traffic.</summary>
[TestFixture]
[Category("Interop")]
public sealed partial class MonitoringEndpointTests
{
    private const int Instances = 7;

    [Test]
    public async Task Metrics_AfterStorescuSendsInstances_CountersMoveByExactlyThoseAmounts()
    {
        var storescu = Peers.Require("storescu");
        var echoscu = Peers.Require("echoscu");
        using var directory = new TempDirectory("agent-metrics");
        var files = SyntheticStudy.Write(Path.Combine(directory.Path, "send"), Instances);
        var port = AgentProcess.FreePort();
        await using var agent = await AgentProcess.StartAsync(directory.Path, MonitoringClient.Settings(port));
        using var monitoring = new MonitoringClient(port);
        var before = await monitoring.MetricsAsync();

        var store = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", .. files.Select(f => f.Path)], TimeSpan.FromSeconds(60));
        var wrongTitle = await ProcessRunner.RunAsync(echoscu, ["-aec", "NOT_OURS", "127.0.0.1", $"{agent.Port}"], TimeSpan.FromSeconds(30));
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        Assert.That(wrongTitle.ExitCode, Is.Not.Zero);
        var bytes = await LoggedBytesAsync(agent);
        // The pipeline stores (and indexes) after the acknowledgement: wait until all are stored, or the deadline.
        var after = await PollAsync(monitoring, m => PrometheusText.Value(m, "nodeagent_associations_total") >= 2
            && PrometheusText.Value(m, "nodeagent_instances_stored_total") >= Instances);

        Assert.Multiple(() =>
        {
            Assert.That(Delta("nodeagent_instances_received_total"), Is.EqualTo(Instances));
            Assert.That(Delta("nodeagent_instances_stored_total"), Is.EqualTo(Instances));
            Assert.That(Delta("nodeagent_instances_quarantined_total"), Is.Zero);
            Assert.That(Delta("nodeagent_dicom_received_bytes_total"), Is.EqualTo(bytes), "the bytes the association's log line reports");
            Assert.That(Delta("nodeagent_associations_total", "outcome=\"released\""), Is.EqualTo(1));
            Assert.That(Delta("nodeagent_associations_total", "outcome=\"rejected\""), Is.EqualTo(1));
            Assert.That(Delta("nodeagent_associations_rejected_total", "reason=\"called-ae\""), Is.EqualTo(1));
            Assert.That(PrometheusText.Value(after, "nodeagent_associations_active"), Is.Zero);
            Assert.That(PrometheusText.Value(after, "nodeagent_disk_free_bytes"), Is.GreaterThan(0));
        });
        Assert.That(after, Does.Not.Contain(files[0].SopInstanceUid), "no UID in the metrics");

        double Delta(string name, params string[] labels) => PrometheusText.Value(after, name, labels) - PrometheusText.Value(before, name, labels);
    }

    [Test]
    public async Task Healthz_RunningAgentWithInstancesSpooled_Answers200WithEachComponent()
    {
        var storescu = Peers.Require("storescu");
        using var directory = new TempDirectory("agent-health");
        var files = SyntheticStudy.Write(Path.Combine(directory.Path, "send"), 3);
        var port = AgentProcess.FreePort();
        await using var agent = await AgentProcess.StartAsync(directory.Path, MonitoringClient.Settings(port));
        using var monitoring = new MonitoringClient(port);
        var store = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", .. files.Select(f => f.Path)], TimeSpan.FromSeconds(60));
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);

        // Once the pipeline has stored the three, the spool is empty and the index holds them.
        var (status, body) = await PollHealthAsync(monitoring, h => h.GetProperty("components").GetProperty("index").GetProperty("instances").GetInt64() == 3
            && h.GetProperty("components").GetProperty("spool").GetProperty("depth").GetInt32() == 0);

        using (body)
        {
            var root = body.RootElement;
            var components = root.GetProperty("components");
            Assert.Multiple(() =>
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.OK), root.ToString());
                Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("healthy"));
                Assert.That(components.EnumerateObject().Select(c => c.Name), Is.EqualTo(new[] { "listener", "spool", "disk", "index", "hubLink" }));
                Assert.That(components.GetProperty("listener").GetProperty("ports")[0].GetInt32(), Is.EqualTo(agent.Port));
                Assert.That(components.GetProperty("disk").GetProperty("belowFloor").GetBoolean(), Is.False);
                Assert.That(components.GetProperty("hubLink").GetProperty("status").GetString(), Is.EqualTo("not configured"));
                Assert.That(components.GetProperty("spool").GetProperty("depth").GetInt32(), Is.Zero);
                Assert.That(components.GetProperty("index").GetProperty("status").GetString(), Is.EqualTo("healthy"));
                Assert.That(components.GetProperty("index").GetProperty("instances").GetInt64(), Is.EqualTo(3));
                Assert.That(components.GetProperty("index").GetProperty("studies").GetInt64(), Is.EqualTo(1), "one synthetic study");
            });
        }
    }

    [Test]
    public async Task Healthz_BelowTheFreeSpaceFloor_Answers503NamingTheDisk()
    {
        using var directory = new TempDirectory("agent-health");
        var port = AgentProcess.FreePort();
        var settings = MonitoringClient.Settings(port);
        settings["NodeAgent__Storage__MinimumFreePercent"] = "100";
        await using var agent = await AgentProcess.StartAsync(directory.Path, settings);
        using var monitoring = new MonitoringClient(port);

        var (status, body) = await monitoring.GetJsonAsync("healthz");

        using (body)
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body.RootElement.ToString());
            Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
            var disk = body.RootElement.GetProperty("components").GetProperty("disk");
            Assert.That(disk.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
            Assert.That(disk.GetProperty("summary").GetString(), Does.Contain("below the floor"));
            Assert.That(body.RootElement.GetProperty("components").GetProperty("listener").GetProperty("status").GetString(), Is.EqualTo("healthy"));
        }
    }

    [Test]
    public async Task Healthz_HubConfiguredButUnreachable_HubLinkDegradedAndStill200()
    {
        using var directory = new TempDirectory("agent-health");
        using var authority = TestCertificates.CreateAuthority(directory.Path, "health-test");
        var client = authority.IssueClient("site-a");
        var port = AgentProcess.FreePort();
        var settings = MonitoringClient.Settings(port);
        settings["NodeAgent__Hub__Address"] = $"https://localhost:{AgentProcess.FreePort()}";
        settings["NodeAgent__Hub__NodeId"] = "site-a";
        settings["NodeAgent__Hub__ClientCertificate"] = client.Certificate;
        settings["NodeAgent__Hub__ClientKey"] = client.PrivateKey;
        settings["NodeAgent__Hub__TrustedCa"] = authority.AuthorityPem;
        await using var agent = await AgentProcess.StartAsync(directory.Path, settings);
        using var monitoring = new MonitoringClient(port);

        // Nothing listens at the hub's port: the link dials, fails and backs off, over and over; ingest is unaffected.
        var (status, body) = await PollHealthAsync(monitoring, h => h.GetProperty("components").GetProperty("hubLink").GetProperty("status").GetString() == "degraded");

        using (body)
        {
            var hub = body.RootElement.GetProperty("components").GetProperty("hubLink");
            Assert.That(hub.GetProperty("status").GetString(), Is.EqualTo("degraded"), body.RootElement.ToString());
            Assert.That(hub.GetProperty("state").GetString(), Is.AnyOf("connecting", "backingoff", "disconnected"));
            Assert.That(hub.GetProperty("hub").GetString(), Does.StartWith("https://localhost:"));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "a lost hub degrades the node but does not make it unhealthy");
            Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("degraded"));
        }
    }

    /// <summary>The data set bytes the agent logged for the (one) association that stored instances.</summary>
    private static async Task<long> LoggedBytesAsync(AgentProcess agent)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var match = StoredLine().Match(agent.Output);
            if (match.Success)
            {
                return long.Parse(match.Groups["bytes"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), agent.Output);
            await Task.Delay(50);
        }
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonDocument Body)> PollHealthAsync(MonitoringClient monitoring, Func<System.Text.Json.JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, body) = await monitoring.GetJsonAsync("healthz");
            if (until(body.RootElement) || DateTime.UtcNow > deadline)
            {
                return (status, body);
            }

            body.Dispose();
            await Task.Delay(50);
        }
    }

    private static async Task<string> PollAsync(MonitoringClient monitoring, Func<string, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var metrics = await monitoring.MetricsAsync();
            if (until(metrics) || DateTime.UtcNow > deadline)
            {
                return metrics;
            }

            await Task.Delay(50);
        }
    }

    // The summary line of the association that stored the 7 instances (Instances).
    [GeneratedRegex(@" 7 instances \(0 failed\), (?<bytes>\d+) bytes in \d+ ms: released")]
    private static partial Regex StoredLine();
}
