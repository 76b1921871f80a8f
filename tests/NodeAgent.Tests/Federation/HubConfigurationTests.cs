using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Federation;

/// <summary>NodeAgent:Hub is validated at start (only when the link is on) and its secrets are masked by check-config.</summary>
[TestFixture]
public sealed class HubConfigurationTests
{
    [Test]
    public async Task Run_HubAddressWithoutCertificatesOrTrust_ExitsNamingEachMissingKey()
    {
        using var directory = new TempDirectory("agent-hub-config");
        var settings = new Dictionary<string, string> { ["NodeAgent__Hub__Address"] = "http://hub.example.org:8443" };

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["run"], directory.Path, settings);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("nodeagent: configuration error: NodeAgent:Hub:Address = 'http://hub.example.org:8443' is not allowed: give the hub's https URL"));
            Assert.That(output, Does.Contain("NodeAgent:Hub:NodeId = '' is not allowed"));
            Assert.That(output, Does.Contain("NodeAgent:Hub:ClientCertificate is missing"));
            Assert.That(output, Does.Contain("NodeAgent:Hub:TrustedCa and NodeAgent:Hub:PinnedThumbprint are both missing"));
            Assert.That(output, Does.Not.Contain("DICOM listener on"));
        });
    }

    [Test]
    public async Task CheckConfig_HubPassword_IsMaskedAndBadThumbprintReported()
    {
        using var directory = new TempDirectory("agent-hub-config");
        var settings = new Dictionary<string, string>
        {
            ["NodeAgent__Hub__Address"] = "https://hub.example.org:8443",
            ["NodeAgent__Hub__CertificatePassword"] = "pfx-secret-42",
            ["NodeAgent__Hub__PinnedThumbprint"] = "AB:CD",
            ["NodeAgent__Hub__Proxy"] = "http://proxyuser:proxy-secret-7@proxy.hospital.local:3128",
        };

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["check-config"], directory.Path, settings);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("NodeAgent:Hub:CertificatePassword = ********"));
            Assert.That(output, Does.Not.Contain("pfx-secret-42"));
            Assert.That(output, Does.Contain("NodeAgent:Hub:Proxy = http://********@proxy.hospital.local:3128"));
            Assert.That(output, Does.Not.Contain("proxy-secret-7"));
            Assert.That(output, Does.Contain("NodeAgent:Hub:PinnedThumbprint is not allowed: give the SHA-256 thumbprint"));
        });
    }

    [Test]
    public async Task CheckConfig_ShippedConfiguration_HubLinkOffAndValid()
    {
        using var directory = new TempDirectory("agent-hub-config");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["check-config"], directory.Path);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("NodeAgent:Hub:HeartbeatSeconds = 30"));
            Assert.That(output, Does.Contain("NodeAgent:Hub:MaxBackoffSeconds = 30"));
        });
    }
}
