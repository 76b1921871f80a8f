using System.Runtime.Versioning;
using NodeAgent.Federation.Tests.Support;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Hub;

/// <summary>installer/pki/make-pki.sh: what it writes is what a hub and its nodes can use as it is.</summary>
[Category("Interop")]
[CancelAfter(60_000)]
[Platform("Linux")]
[SupportedOSPlatform("linux")]
public sealed class PkiScriptTests
{
    private static string Script => Path.Combine(RepoPaths.RepoRoot, "installer", "pki", "make-pki.sh");

    [Test]
    public async Task MakePki_TwoNodes_HubAndNodeConnectWithItsCertificates()
    {
        Peers.Require("openssl");
        var directory = new TempDirectory("pki");
        var pki = directory.Combine("pki");
        var made = await ProcessRunner.RunAsync("sh", [Script, "-o", pki, "-H", "hub.pilot.example", "site-a", "site-b"], TimeSpan.FromSeconds(30));
        made.EnsureSuccess();
        var thumbprints = File.ReadAllLines(Path.Combine(pki, "thumbprints.txt")).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        var hub = new FederationPki.Issued(Path.Combine(pki, "hub.pem"), Path.Combine(pki, "hub.key"), thumbprints["hub"], "CN=hub.pilot.example");
        await using var harness = await LinkHarness.StartAsync(directory, hub, Path.Combine(pki, "ca.pem"), [thumbprints["site-a"]]);
        var options = harness.NodeOptions("site-a", Path.Combine("pki", "site-a"));
        options.PinnedThumbprint = thumbprints["hub"];
        var node = harness.StartNode(options, new ScriptedResponder());
        await harness.WaitUntilConnectedAsync(node);
        Assert.Multiple(() =>
        {
            Assert.That(harness.Hub!.Registry.Nodes().Single().CertificateSubject, Is.EqualTo("CN=site-a"));
            Assert.That(File.GetUnixFileMode(Path.Combine(pki, "ca.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(thumbprints.Keys, Is.EquivalentTo(new[] { "hub", "site-a", "site-b" }));
        });
    }

    [Test]
    public async Task MakePki_ExistingCa_RefusesToOverwrite()
    {
        Peers.Require("openssl");
        using var directory = new TempDirectory("pki");
        (await ProcessRunner.RunAsync("sh", [Script, "-o", directory.Path, "-n", "1"], TimeSpan.FromSeconds(30))).EnsureSuccess();
        var again = await ProcessRunner.RunAsync("sh", [Script, "-o", directory.Path], TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.EqualTo(1));
            Assert.That(again.StdErr, Does.Contain("already holds a CA"));
        });
    }

    [Test]
    public async Task MakePki_BadNodeName_Usage()
    {
        using var directory = new TempDirectory("pki");
        var result = await ProcessRunner.RunAsync("sh", [Script, "-o", directory.Path, "bad/name"], TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }
}
