using System.Text.Json;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Interop;

/// <summary>
/// The README's "Route studies from Orthanc": Orthanc configured with the README's <c>DicomModalities</c> entry
/// (name, our AE title, host, port), and the README's curl command, with Orthanc's and our test ports.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class ReadmeOrthancRouteTests
{
    [Test]
    public async Task Curl_ReadmeStoreCommand_StudyArrivesAndIsCounted()
    {
        var curl = Peers.Require("curl");
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        Peers.Require("Orthanc");
        using var directory = new TempDirectory("readme-orthanc");
        var metricsPort = AgentProcess.FreePort();
        var settings = MonitoringClient.Settings(metricsPort);
        settings["NodeAgent__Dicom__AllowedCallers__0__AeTitle"] = OrthancProcess.AeTitle;
        settings["NodeAgent__Dicom__AllowedCallers__0__Addresses__0"] = "127.0.0.1";
        await using var agent = await AgentProcess.StartAsync(directory.Path, settings);
        await using var orthanc = await OrthancProcess.StartAsync(
            Directory.CreateDirectory(directory.Combine("orthanc")).FullName,
            new Dictionary<string, (string, int)> { ["nodeagent"] = ("NODEAGENT", agent.Port) });
        var (_, study) = await orthanc.UploadAsync(ct);

        var store = await ProcessRunner.RunAsync(curl,
            ["-s", "-X", "POST", $"http://localhost:{orthanc.HttpPort}/modalities/nodeagent/store", "-d", $"{{\"Resources\": [\"{study}\"], \"Synchronous\": true}}"],
            TimeSpan.FromSeconds(60));

        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        using var answer = JsonDocument.Parse(store.StdOut);
        Assert.That(answer.RootElement.GetProperty("InstancesCount").GetInt32(), Is.EqualTo(1), store.StdOut);
        Assert.That(answer.RootElement.GetProperty("FailedInstancesCount").GetInt32(), Is.Zero, store.StdOut);
        using var monitoring = new MonitoringClient(metricsPort);
        Assert.That(PrometheusText.Value(await monitoring.MetricsAsync(), "nodeagent_instances_received_total"), Is.EqualTo(1));
    }
}
