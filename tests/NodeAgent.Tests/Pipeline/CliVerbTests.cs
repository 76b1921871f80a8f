using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Secrets;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Pipeline;

/// <summary>The pipeline's CLI verbs through the real executable: pseudonym, verify, init, quarantine.</summary>
[TestFixture]
[Category("Interop")]
public sealed class CliVerbTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["NodeAgent__Deidentification__SitePrefix"] = "CLI-",
    };

    private TempDirectory _populated = null!;

    private string PopulatedData => Path.Combine(_populated.Path, "data");

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        var storescu = Peers.Require("storescu");
        var files = new[] { "pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/rtdose.dcm" }.Select(RepoPaths.RequireSample).ToArray();
        _populated = new TempDirectory("cli-verbs");
        await using var agent = await AgentProcess.StartAsync(_populated.Path, Settings);
        var store = await ProcessRunner.RunAsync(storescu, ["-aec", "NODEAGENT", "127.0.0.1", $"{agent.Port}", .. files], TimeSpan.FromSeconds(60));
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (StoredFiles(agent.DataDirectory).Length < 3)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The instances were not stored:\n{agent.Output}");
            }

            await Task.Delay(50);
        }

        Assert.That(await agent.StopAsync(TimeSpan.FromSeconds(30)), Is.Zero, agent.Output);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown() => _populated?.Dispose();

    [Test]
    public async Task Pseudonym_PatientOfAStoredInstance_EqualsThePatientIdInTheStoredFile()
    {
        var original = DicomFile.Open(RepoPaths.RequireSample("pydicom/CT_small.dcm")).Dataset;
        var instanceUid = original.GetString(DicomTags.SOPInstanceUID)!;
        var stored = StoredFiles(PopulatedData).Select(f => DicomFile.Open(f).Dataset)
            .Single(d => d.GetString(DicomTags.StudyDescription) == original.GetString(DicomTags.StudyDescription) && d.GetString(DicomTags.Modality) == "CT");
        List<string> arguments = ["pseudonym", original.GetString(DicomTags.PatientID)!];
        if (original.GetString(DicomTags.IssuerOfPatientID) is { Length: > 0 } issuer)
        {
            arguments.AddRange(["--issuer", issuer]);
        }

        var (exitCode, output) = await AgentProcess.RunToEndAsync(arguments, _populated.Path, Settings);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output.Trim(), Is.EqualTo(stored.GetString(DicomTags.PatientID)));
        Assert.That(output.Trim(), Does.StartWith("CLI-"));
        Assert.That(stored.GetString(DicomTags.SOPInstanceUID), Is.Not.EqualTo(instanceUid));
    }

    [Test]
    public async Task Pseudonym_NoSecret_RefusesWithoutCreatingOne()
    {
        using var empty = new TempDirectory("cli-verbs");

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["pseudonym", "12345"], empty.Path);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("site secret error").And.Contain(SiteSecret.FileName));
        Assert.That(File.Exists(Path.Combine(empty.Path, "data", SiteSecret.FileName)), Is.False);
    }

    [Test]
    public async Task Verify_CleanThenDamaged_ReportsMissingCorruptAndExtra()
    {
        using var copy = new TempDirectory("cli-verbs");
        CopyDirectory(PopulatedData, Path.Combine(copy.Path, "data"));
        var data = Path.Combine(copy.Path, "data");

        var clean = await AgentProcess.RunToEndAsync(["verify"], copy.Path, Settings);
        Assert.That(clean.ExitCode, Is.Zero, clean.Output);
        Assert.That(clean.Output, Does.Contain("3 indexed instance(s): 0 missing, 0 corrupt, 0 extra file(s): clean"));

        var files = StoredFiles(data);
        File.Delete(files[0]);
        var bytes = File.ReadAllBytes(files[1]);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(files[1], bytes);
        var stray = Path.Combine(Path.GetDirectoryName(files[2])!, "stray.dcm");
        File.Copy(files[2], stray);

        var damaged = await AgentProcess.RunToEndAsync(["verify"], copy.Path, Settings);

        Assert.That(damaged.ExitCode, Is.EqualTo(1), damaged.Output);
        Assert.That(damaged.Output, Does.Contain("missing  " + Relative(data, files[0]))
            .And.Contain("corrupt  " + Relative(data, files[1]))
            .And.Contain("extra    " + Relative(data, stray))
            .And.Contain("1 missing, 1 corrupt, 1 extra file(s): NOT clean"));
    }

    [Test]
    public async Task Init_EmptyDirectory_CreatesLayoutSecretAndStarterConfigOnce()
    {
        using var directory = new TempDirectory("cli-verbs");
        var machineConfig = Path.Combine(directory.Path, "etc", "appsettings.json");

        var first = await AgentProcess.RunToEndAsync(["init", "--machine-config", machineConfig], directory.Path);

        Assert.That(first.ExitCode, Is.Zero, first.Output);
        var data = Path.Combine(directory.Path, "data");
        foreach (var expected in new[] { "spool", InstanceStore.DirectoryName, QuarantineDirectory.DirectoryName })
        {
            Assert.That(Directory.Exists(Path.Combine(data, expected)), Is.True, expected);
        }

        var secret = Path.Combine(data, SiteSecret.FileName);
        Assert.That(new FileInfo(secret).Length, Is.EqualTo(SiteSecret.Length));
        Assert.That(File.Exists(Path.Combine(data, SiteSecret.FingerprintFileName)), Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(secret), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        Assert.That(File.ReadAllText(machineConfig), Does.Contain("\"SitePrefix\"").And.Contain("\"AllowedCallers\""));
        Assert.That(first.Output, Does.Contain("created").And.Contain("AeTitle").And.Contain("BindAddress")
            .And.Contain("AllowedCallers").And.Contain("SitePrefix").And.Contain("Hub"));

        var secretBytes = File.ReadAllBytes(secret);
        var second = await AgentProcess.RunToEndAsync(["init", "--machine-config", machineConfig], directory.Path);

        Assert.That(second.ExitCode, Is.Zero, second.Output);
        Assert.That(second.Output, Does.Contain("exists and is valid").And.Contain("left unchanged"));
        Assert.That(File.ReadAllBytes(secret), Is.EqualTo(secretBytes));

        var checkConfig = await AgentProcess.RunToEndAsync(["check-config", "--config", machineConfig], directory.Path);
        Assert.That(checkConfig.ExitCode, Is.Zero, checkConfig.Output);
    }

    [Test]
    public async Task Quarantine_ListAndRetry_ShowReasonAndMoveBackToTheSpool()
    {
        using var directory = new TempDirectory("cli-verbs");
        var data = Path.Combine(directory.Path, "data");
        var spool = new SpoolDirectory(Path.Combine(data, "spool"));
        var quarantine = new QuarantineDirectory(data);
        var spooled = Path.Combine(spool.Path, SpoolDirectory.NewId() + SpoolDirectory.CompleteExtension);
        File.WriteAllBytes(spooled, [1, 2, 3]);
        var id = quarantine.Add(spooled, new QuarantineReason(QuarantineCodes.Unparseable, "Not DICOM (at byte 0)", DateTimeOffset.UtcNow, "MODALITY1"));

        var list = await AgentProcess.RunToEndAsync(["quarantine", "list"], directory.Path);

        Assert.That(list.ExitCode, Is.Zero, list.Output);
        Assert.That(list.Output, Does.Contain(id).And.Contain(QuarantineCodes.Unparseable).And.Contain("MODALITY1").And.Contain("1 instance(s) in quarantine"));

        var retry = await AgentProcess.RunToEndAsync(["quarantine", "retry", id], directory.Path);

        Assert.That(retry.ExitCode, Is.Zero, retry.Output);
        Assert.That(File.Exists(spooled), Is.True);
        Assert.That(quarantine.List(), Is.Empty);

        var unknown = await AgentProcess.RunToEndAsync(["quarantine", "retry", id], directory.Path);
        Assert.That(unknown.ExitCode, Is.EqualTo(1), unknown.Output);
    }

    private static string[] StoredFiles(string data)
    {
        var root = Path.Combine(data, InstanceStore.DirectoryName);
        return Directory.Exists(root) ? Directory.GetFiles(root, "*" + InstanceStore.Extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [];
    }

    private static string Relative(string data, string file) => Path.GetRelativePath(data, file).Replace(Path.DirectorySeparatorChar, '/');

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
