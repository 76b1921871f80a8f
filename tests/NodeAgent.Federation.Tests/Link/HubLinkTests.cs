using System.Diagnostics.Metrics;
using Google.Protobuf.WellKnownTypes;
using NodeAgent.Federation.Contract;
using NodeAgent.Federation.Link;
using NodeAgent.Federation.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Link;

/// <summary>The node's hub link against a real hub: Kestrel on a loopback port, TLS with client certificates.</summary>
[CancelAfter(60_000)]
public sealed class HubLinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private LinkHarness _harness = null!;

    [SetUp]
    public async Task StartHub() => _harness = await LinkHarness.StartAsync();

    [TearDown]
    public async Task StopAll() => await _harness.DisposeAsync();

    [Test]
    public async Task Connect_AllowedNode_HubSeesHelloAndHeartbeats()
    {
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(node);
        await Eventually.HoldsAsync(() => _harness.Hub!.Registry.Nodes().SingleOrDefault() is { Heartbeats: >= 2 }, Wait, "two heartbeats at the hub");
        var seen = _harness.Hub!.Registry.Nodes().Single();
        Assert.Multiple(() =>
        {
            Assert.That(seen.NodeId, Is.EqualTo("node-a"));
            Assert.That(seen.Connected, Is.True);
            Assert.That(seen.PolicyHash, Is.EqualTo("policy-test"));
            Assert.That(seen.Capabilities, Is.EqualTo(new[] { "query.v1" }));
            Assert.That(seen.CertificateSubject, Is.EqualTo("CN=node-a"));
            Assert.That((seen.SpoolDepth, seen.FreeDiskBytes, seen.Instances, seen.Patients), Is.EqualTo((3L, 123_456_789L, 70L, 4L)));
            Assert.That(seen.LastInstanceTime, Is.EqualTo(FixedNodeStatus.LastInstance));
            Assert.That(node.States, Is.EqualTo(new[] { HubLinkState.Connecting, HubLinkState.Connected }));
        });
    }

    [Test]
    public async Task Connect_Connected_GaugeReportsTwo()
    {
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(node);
        var values = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "nodeagent.hub.link.state" && instrument.Meter.Scope == node.MeterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => values.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.That(values, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public async Task Ping_Connected_AnsweredWithHeartbeat()
    {
        var options = _harness.NodeOptions("node-a", "node-a");
        options.HeartbeatSeconds = 600;
        var node = _harness.StartNode(options, new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(node);
        Assert.That(_harness.Hub!.Registry.Ping("node-a", "p1"), Is.True);
        await Eventually.HoldsAsync(() => _harness.Hub.Registry.Nodes().Single().Heartbeats == 1, Wait, "the ping's heartbeat");
    }

    [Test]
    public async Task Query_Answered_MergedAtHubAndAcknowledged()
    {
        var responder = new ScriptedResponder(value: 25);
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), responder);
        await _harness.WaitUntilConnectedAsync(node);
        var merged = await _harness.Hub!.Coordinator.RunAsync(Query("modality"), null, TimeSpan.FromSeconds(10), "tester", CancellationToken.None);
        await Eventually.HoldsAsync(() => node.Outbox.Pending().Count == 0, Wait, "the hub's ack clears the outbox");
        Assert.Multiple(() =>
        {
            Assert.That(merged.Nodes.Single().Status, Is.EqualTo("answered"));
            Assert.That(merged.Rows.Single().Groups, Is.EqualTo(new[] { "CT" }));
            Assert.That(merged.Rows.Single().Cells.Select(c => c.Display), Is.EqualTo(new[] { "25", "<10" }));
            Assert.That(node.Outbox.TryGet(merged.QueryId, out _, out var acked) && acked, Is.True);
            Assert.That(responder.Runs, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Query_DeadlinePassed_RefusedExpiredWithoutRunning()
    {
        var responder = new ScriptedResponder();
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), responder);
        await _harness.WaitUntilConnectedAsync(node);
        var request = new QueryRequest
        {
            QueryId = "expired-1",
            RequesterId = "tester",
            Deadline = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)),
            Query = Query(),
        };
        var merged = await _harness.Hub!.Coordinator.RunAsync(request, ["node-a"], CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(merged.Nodes.Single().Status, Is.EqualTo("refused"));
            Assert.That(merged.Nodes.Single().Code, Is.EqualTo("expired"));
            Assert.That(responder.Runs, Is.Zero);
            Assert.That(responder.Refusals, Is.EqualTo(1), "the link records its refusal through the responder, which audits it");
        });
    }

    [Test]
    public async Task Query_RedeliveredAfterAnswer_StoredResultSentNotRunAgain()
    {
        var responder = new ScriptedResponder();
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), responder);
        await _harness.WaitUntilConnectedAsync(node);
        var request = new QueryRequest { QueryId = "twice", RequesterId = "tester", Deadline = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(10)), Query = Query() };
        var first = await _harness.Hub!.Coordinator.RunAsync(request, ["node-a"], CancellationToken.None);
        var second = await _harness.Hub.Coordinator.RunAsync(request, ["node-a"], CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Nodes.Single().Status, Is.EqualTo("answered"));
            Assert.That(second.Nodes.Single().Status, Is.EqualTo("answered"));
            Assert.That(second.Rows.Single().Cells[0].Sum, Is.EqualTo(first.Rows.Single().Cells[0].Sum));
            Assert.That(responder.Runs, Is.EqualTo(1));
            Assert.That(node.Log.WithEventId(3007), Has.Count.EqualTo(1), "logged as a re-delivery");
        });
    }

    [Test]
    public async Task Outbox_ResultReadyWhileHubDown_ResentAfterReconnectUntilAcked()
    {
        var responder = new ScriptedResponder { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), responder);
        await _harness.WaitUntilConnectedAsync(node);
        var request = new QueryRequest { QueryId = "held", RequesterId = "tester", Deadline = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(30)), Query = Query() };
        Assert.That(_harness.Hub!.Registry.TrySend("node-a", new HubMessage { QueryRequest = request }), Is.True);
        await responder.Started.Task.WaitAsync(Wait);
        var port = _harness.Port;
        await _harness.StopHubAsync();
        await Eventually.HoldsAsync(() => node.Worker.State != HubLinkState.Connected, Wait, "the node notices the hub is gone");
        responder.Gate.SetResult();
        await Eventually.HoldsAsync(() => node.Outbox.Pending().Count == 1, Wait, "the result waits in the outbox");

        await _harness.StartHubAsync(port);
        await _harness.WaitUntilConnectedAsync(node);
        await Eventually.HoldsAsync(() => node.Outbox.Pending().Count == 0, Wait, () => "the re-sent result is acknowledged:\n" + node.Log.Dump() + "\nhub:\n" + _harness.HubLog.Dump());
        Assert.Multiple(() =>
        {
            Assert.That(_harness.HubLog.WithEventId(3110), Has.Count.EqualTo(1), "the new hub received the result (late, for a query it did not send)");
            Assert.That(node.Log.WithEventId(3008), Is.Not.Empty, "the node logged the re-send");
            Assert.That(responder.Runs, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task HubRestarted_NodeReconnectsWithinBackoffCap()
    {
        var node = _harness.StartNode(_harness.NodeOptions("node-a", "node-a"), new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(node);
        var port = _harness.Port;
        await _harness.StopHubAsync();
        await Eventually.HoldsAsync(() => node.Worker.State == HubLinkState.BackingOff, Wait, "backing off while the hub is down");
        // Let a few attempts fail so the backoff has grown to its cap.
        await Eventually.HoldsAsync(() => node.Log.WithEventId(3002).Count >= 3, Wait, () => "three failed attempts:\n" + node.Log.Dump());
        await _harness.StartHubAsync(port);
        var restarted = DateTime.UtcNow;
        await _harness.WaitUntilConnectedAsync(node);
        var took = DateTime.UtcNow - restarted;
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(node.Options.MaxBackoffSeconds + 2)), $"reconnected {took.TotalSeconds:F1} s after the restart");
    }

    [Test]
    public async Task Connect_ThroughHttpProxy_TunnelsAndConnects()
    {
        await using var proxy = new ConnectProxy();
        var options = _harness.NodeOptions("node-a", "node-a");
        options.Proxy = $"http://127.0.0.1:{proxy.Port}";
        var node = _harness.StartNode(options, new ScriptedResponder());
        await _harness.WaitUntilConnectedAsync(node);
        Assert.Multiple(() =>
        {
            Assert.That(proxy.Tunnels, Is.GreaterThanOrEqualTo(1));
            Assert.That(proxy.LastTarget, Is.EqualTo($"localhost:{_harness.Port}"));
        });
    }

    private static Query Query(params string[] groupBy)
    {
        var query = new Query();
        query.GroupBy.AddRange(groupBy);
        query.Measures.Add(Measure.Patients);
        query.Measures.Add(Measure.Studies);
        return query;
    }
}
