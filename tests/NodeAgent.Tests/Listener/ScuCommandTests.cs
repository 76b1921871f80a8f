using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.Listener;

/// <summary>`nodeagent echo` and `nodeagent send`, the route-testing tools, against a running agent.</summary>
[TestFixture]
public sealed class ScuCommandTests
{
    [Test]
    public async Task Echo_RunningAgent_SucceedsAndWrongTitleFails()
    {
        using var directory = new TempDirectory("agent-scu");
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        var ok = await AgentProcess.RunToEndAsync(["echo", "127.0.0.1", $"{agent.Port}", "NODEAGENT"], directory.Path);
        var wrong = await AgentProcess.RunToEndAsync(["echo", "127.0.0.1", $"{agent.Port}", "SOMEONE_ELSE"], directory.Path);

        Assert.That(ok.ExitCode, Is.Zero, ok.Output);
        Assert.That(ok.Output, Does.Contain("0000 (success)"));
        Assert.That(wrong.ExitCode, Is.EqualTo(1));
        Assert.That(wrong.Output, Does.Contain("CalledAETitleNotRecognized"));
    }

    [Test]
    public async Task Send_FolderOverTwoAssociations_AllStoredAndSummarised()
    {
        using var directory = new TempDirectory("agent-scu");
        var folder = Directory.CreateDirectory(Path.Combine(directory.Path, "outbox")).FullName;
        var source = DicomFile.Open(RepoPaths.RequireSample("pydicom/CT_small.dcm"));
        for (var i = 0; i < 12; i++)
        {
            source.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUid.Generate());
            source.Save(Path.Combine(folder, $"ct{i}.dcm"));
        }

        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not DICOM");
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        var (exitCode, output) = await AgentProcess.RunToEndAsync(["send", "127.0.0.1", $"{agent.Port}", "NODEAGENT", folder, "--associations", "2"], directory.Path);

        Assert.That(exitCode, Is.EqualTo(1), "one file was not DICOM, so the send is not a full success");
        Assert.That(output, Does.Contain("Sent 12 of 12 files"));
        Assert.That(output, Does.Contain("0000 (success): 12"));
        Assert.That(output, Does.Contain("unreadable: ").And.Contain("notes.txt"));
        Assert.That(Directory.GetFiles(agent.SpoolDirectory, "*.dcm"), Has.Length.EqualTo(12));
    }
}
