using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Configuration;

/// <summary>A bad value stops the agent at start with one clear line naming the key, the value and what is allowed.</summary>
[TestFixture]
public sealed class ConfigurationErrorTests
{
    private static IEnumerable<TestCaseData> BadValues()
    {
        yield return new TestCaseData("NodeAgent__Dicom__Port", "70000", "NodeAgent:Dicom:Port = '70000' is not allowed: a port is 1 to 65535").SetName("Run_BadPort_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Dicom__AeTitle", "THIS_TITLE_IS_FAR_TOO_LONG", "NodeAgent:Dicom:AeTitle = 'THIS_TITLE_IS_FAR_TOO_LONG' is not allowed").SetName("Run_LongAeTitle_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Dicom__BindAddress", "not-an-ip", "NodeAgent:Dicom:BindAddress = 'not-an-ip' is not allowed").SetName("Run_BadBindAddress_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Dicom__MaxAssociations", "0", "NodeAgent:Dicom:MaxAssociations = '0' is not allowed: it must be between 1 and 1000").SetName("Run_ZeroAssociations_ExitsWithKeyValueAndRule");
        yield return new TestCaseData("NodeAgent__Dicom__TlsPort", "2762", "NodeAgent:Dicom:TlsCertificate is missing").SetName("Run_TlsPortWithoutCertificate_ExitsNamingTheMissingKey");
        yield return new TestCaseData("NodeAgent__Storage__MinimumFreePercent", "150", "NodeAgent:Storage:MinimumFreePercent = '150' is not allowed: it must be between 0 and 100").SetName("Run_BadFreePercent_ExitsWithKeyValueAndRule");
    }

    [TestCaseSource(nameof(BadValues))]
    public async Task Run_BadValue_ExitsWithConfigurationError(string variable, string value, string expected)
    {
        using var directory = new TempDirectory("agent-config");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["run"], directory.Path, new Dictionary<string, string> { [variable] = value });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"nodeagent: configuration error: {expected}"));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
    }

    [Test]
    public async Task CheckConfig_ShippedConfiguration_ExitsZero()
    {
        using var directory = new TempDirectory("agent-config");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["check-config"], directory.Path);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("NodeAgent:Dicom:AeTitle = NODEAGENT"));
        Assert.That(output, Does.Contain("configuration OK"));
    }

    [Test]
    public async Task CheckConfig_SecretInConfig_IsMasked()
    {
        using var directory = new TempDirectory("agent-config");
        var settings = new Dictionary<string, string> { ["NodeAgent__Dicom__TlsCertificatePassword"] = "hunter2-secret" };

        var (_, output) = await AgentProcess.RunToEndAsync(["check-config"], directory.Path, settings);

        Assert.That(output, Does.Contain("NodeAgent:Dicom:TlsCertificatePassword = ********"));
        Assert.That(output, Does.Not.Contain("hunter2-secret"));
    }

    [Test]
    public async Task CheckConfig_BadValue_ExitsNonZeroAndListsEveryProblem()
    {
        using var directory = new TempDirectory("agent-config");
        var settings = new Dictionary<string, string> { ["NodeAgent__Dicom__Port"] = "0", ["NodeAgent__Storage__MinimumFreeMegabytes"] = "-1" };

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["check-config"], directory.Path, settings);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("NodeAgent:Dicom:Port = '0' is not allowed"));
        Assert.That(output, Does.Contain("NodeAgent:Storage:MinimumFreeMegabytes = '-1' is not allowed"));
    }
}
