using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom.Network;
using NodeAgent.Telemetry;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Telemetry;

/// <summary>
/// The listener's spans, in process: storescu sends to a DicomServer observed by <see cref="ListenerTelemetry"/>, with
/// the store handler wrapped by <see cref="ObservedStoreHandler"/>; an ActivityListener stands in for the exporter.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class ListenerTracingTests
{
    [Test]
    public async Task Storescu_TwoInstances_OneAssociationSpanParentOfTwoInstanceSpansWithoutUids()
    {
        var storescu = Peers.Require("storescu");
        using var directory = new TempDirectory("listener-tracing");
        var files = SyntheticStudy.Write(directory.Combine("send"), 2);
        var received = Directory.CreateDirectory(directory.Combine("received")).FullName;
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.ActivitySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new ListenerTelemetry(services.GetRequiredService<IMeterFactory>(), new DiskSpace(0, 0),
            Options.Create(new StorageOptions { DataDirectory = directory.Path }));
        var options = new DicomServerOptions { AeTitle = "NODEAGENT", BindAddress = IPAddress.Loopback, Port = 0 };
        await using var server = new DicomServer(options, new ObservedStoreHandler(new DirectoryStoreHandler(received), telemetry), new ListLogger(), observer: telemetry);
        await server.StartAsync(CancellationToken.None);

        var store = await ProcessRunner.RunAsync(storescu, ["-aet", "PACS_A", "-aec", "NODEAGENT", "127.0.0.1", $"{server.EndPoint!.Port}", .. files.Select(f => f.Path)], TimeSpan.FromSeconds(60));
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!spans.Any(s => s.OperationName == "dicom.association") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var association = spans.Single(s => s.OperationName == "dicom.association");
        var instances = spans.Where(s => s.OperationName == "dicom.instance").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(association.GetTagItem("dicom.calling_ae"), Is.EqualTo("PACS_A"));
            Assert.That(association.GetTagItem("dicom.instances"), Is.EqualTo(2));
            Assert.That(association.GetTagItem("outcome"), Is.EqualTo("released"));
            Assert.That(instances, Has.Count.EqualTo(2));
            Assert.That(instances.Select(i => i.ParentSpanId), Is.All.EqualTo(association.SpanId), "instance spans are children of the association's");
            Assert.That(instances.Select(i => i.GetTagItem("dicom.status")), Is.All.EqualTo("0000"));
            Assert.That(instances.Sum(i => (long)i.GetTagItem("dicom.bytes")!), Is.EqualTo((long)association.GetTagItem("dicom.bytes")!));
        });
        var tagValues = spans.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? "").ToList();
        foreach (var (_, uid) in files)
        {
            Assert.That(tagValues, Has.None.Contains(uid), "no SOP Instance UID in a span");
        }
    }
}
