using System.Net;
using System.Net.Sockets;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Telemetry;

/// <summary>NodeAgent:Telemetry: a bad value stops the agent with one line naming key, value and rule; secrets are masked.</summary>
[TestFixture]
public sealed class TelemetryConfigurationTests
{
    private static IEnumerable<TestCaseData> BadValues()
    {
        yield return new TestCaseData("NodeAgent__Telemetry__MetricsAddress", "0.0.0.0",
            "NodeAgent:Telemetry:MetricsAddress = '0.0.0.0' is not allowed: the monitoring endpoint binds only to a loopback address (127.0.0.1 or ::1)")
            .SetName("Run_MetricsOnAllInterfaces_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Telemetry__MetricsAddress", "10.1.2.3", "NodeAgent:Telemetry:MetricsAddress = '10.1.2.3' is not allowed")
            .SetName("Run_MetricsOnANetworkAddress_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Telemetry__MetricsPort", "70000", "NodeAgent:Telemetry:MetricsPort = '70000' is not allowed: a port is 1 to 65535, or 0 for none")
            .SetName("Run_BadMetricsPort_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Telemetry__OtlpEndpoint", "collector:4317", "NodeAgent:Telemetry:OtlpEndpoint = 'collector:4317' is not allowed: give an http or https URI")
            .SetName("Run_OtlpEndpointWithoutScheme_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Telemetry__OtlpProtocol", "udp", "NodeAgent:Telemetry:OtlpProtocol = 'udp' is not allowed: use grpc or http/protobuf")
            .SetName("Run_BadOtlpProtocol_ExitsWithKeyValueAndRule");
    }

    [TestCaseSource(nameof(BadValues))]
    public async Task Run_BadTelemetryValue_ExitsWithConfigurationError(string variable, string value, string expected)
    {
        using var directory = new TempDirectory("agent-telemetry-config");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["run"], directory.Path, new Dictionary<string, string> { [variable] = value });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"nodeagent: configuration error: {expected}"));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
    }

    [Test]
    public async Task CheckConfig_OtlpHeaders_ValuesMaskedAndEndpointShown()
    {
        using var directory = new TempDirectory("agent-telemetry-config");
        var settings = new Dictionary<string, string>
        {
            ["NodeAgent__Telemetry__OtlpEndpoint"] = "http://127.0.0.1:4317",
            ["NodeAgent__Telemetry__OtlpHeaders__Authorization"] = "Bearer s3cr3t-token-value",
        };

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["check-config"], directory.Path, settings);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("NodeAgent:Telemetry:OtlpHeaders:Authorization = ********"));
        Assert.That(output, Does.Contain("NodeAgent:Telemetry:OtlpEndpoint = http://127.0.0.1:4317"));
        Assert.That(output, Does.Not.Contain("s3cr3t"));
    }

    [Test]
    public async Task Run_MetricsPortInUse_ExitsNamingTheEndpoint()
    {
        using var directory = new TempDirectory("agent-telemetry-config");
        using var occupier = new TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        var port = ((IPEndPoint)occupier.LocalEndpoint).Port;

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["run"], directory.Path, MonitoringClient.Settings(port));

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"nodeagent: cannot start: the monitoring endpoint cannot listen on 127.0.0.1:{port} (NodeAgent:Telemetry:MetricsAddress/MetricsPort)"));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
    }
}
