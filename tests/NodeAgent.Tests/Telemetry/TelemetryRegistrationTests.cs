using Microsoft.Extensions.DependencyInjection;
using NodeAgent.Testing;
using NUnit.Framework;
using OpenTelemetry.Trace;

namespace NodeAgent.Tests.Telemetry;

/// <summary>OTLP only when configured: without an exporter there is no tracer provider, so spans cost nothing.</summary>
[TestFixture]
public sealed class TelemetryRegistrationTests
{
    [Test]
    public void Build_NoExporterConfigured_NoTracerProvider()
    {
        using var directory = new TempDirectory("telemetry-registration");
        var config = directory.Combine("agent.json");
        File.WriteAllText(config, """{ "NodeAgent": { "Storage": { "DataDirectory": "data" } } }""");

        using var host = AgentHost.Build(config);

        Assert.That(host.Services.GetService<TracerProvider>(), Is.Null);
    }

    [TestCase("""{ "OtlpEndpoint": "http://127.0.0.1:4317" }""")]
    [TestCase("""{ "ConsoleExporter": true }""")]
    public void Build_ExporterConfigured_TracerProviderRegistered(string telemetry)
    {
        using var directory = new TempDirectory("telemetry-registration");
        var config = directory.Combine("agent.json");
        File.WriteAllText(config, $$"""{ "NodeAgent": { "Storage": { "DataDirectory": "data" }, "Telemetry": {{telemetry}} } }""");

        using var host = AgentHost.Build(config);

        Assert.That(host.Services.GetService<TracerProvider>(), Is.Not.Null);
    }
}
