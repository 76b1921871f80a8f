using System.Net;
using System.Text.Json;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Tests.Support;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace NodeAgent.Tests.Interop;

/// <summary>
/// Orthanc as the hospital PACS: studies uploaded to it are routed to the node with Orthanc's own C-STORE SCU
/// (<c>POST /modalities/nodeagent/store</c>), and must land in the node's spool unchanged.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class OrthancRoutingTests
{
    private const string Modality = "nodeagent";

    /// <summary>Explicit and implicit VR, sequences, JPEG 2000 and multi-frame RLE: different SOP classes and transfer syntaxes.</summary>
    private static readonly string[] Samples =
    [
        "pydicom/CT_small.dcm",
        "pydicom/MR_small.dcm",
        "pydicom/rtplan.dcm",
        "pydicom/JPEG2000.dcm",
        "pydicom/SC_rgb_rle_2frame.dcm",
    ];

    private TempDirectory? _directory;
    private AgentProcess? _agent;
    private OrthancProcess? _orthanc;

    [TearDown]
    public async Task StopPeers()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            await TestContext.Out.WriteLineAsync($"--- Orthanc output ---\n{_orthanc?.Output}\n--- nodeagent output ---\n{_agent?.Output}");
        }

        if (_orthanc is not null)
        {
            await _orthanc.DisposeAsync();
            _orthanc = null;
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
            _agent = null;
        }

        _directory?.Dispose();
        _directory = null;
    }

    [Test]
    public async Task StoreToModality_FiveInstancesById_AllInSpoolWithOrthancAsSource()
    {
        var samples = Samples.Select(RepoPaths.RequireSample).ToList();
        var (agent, orthanc) = await StartPeersAsync();
        var uploaded = new List<string>();
        foreach (var sample in samples)
        {
            uploaded.Add((await orthanc.UploadAsync(sample)).InstanceId);
        }

        using var answer = await orthanc.StoreAsync(Modality, uploaded);

        AssertJobStored(answer, samples.Count);
        await AssertKeptAsync(agent, samples);
    }

    [Test]
    public async Task StoreToModality_StudyIds_EveryInstanceOfTheStudiesArrives()
    {
        var samples = Samples.Select(RepoPaths.RequireSample).ToList();
        var (agent, orthanc) = await StartPeersAsync();
        var studies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            studies.Add((await orthanc.UploadAsync(sample)).StudyId);
        }

        using var answer = await orthanc.StoreAsync(Modality, studies);

        AssertJobStored(answer, samples.Count);
        await AssertKeptAsync(agent, samples);
    }

    [Test]
    public async Task Echo_FromOrthanc_Answered()
    {
        var (_, orthanc) = await StartPeersAsync();

        var status = await orthanc.EchoAsync(Modality);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task StoreToModality_OrthancNotAnAllowedCaller_RejectedAndNothingSpooled()
    {
        var ct = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var (agent, orthanc) = await StartPeersAsync(allowedCaller: "PACS_A");
        var (instance, _) = await orthanc.UploadAsync(ct);

        var echo = await orthanc.EchoAsync(Modality);
        using var content = new StringContent($"{{\"Resources\": [\"{instance}\"], \"Synchronous\": true}}");
        using var store = await orthanc.Http.PostAsync(new Uri($"modalities/{Modality}/store", UriKind.Relative), content);

        Assert.That(echo, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That(store.IsSuccessStatusCode, Is.False, await store.Content.ReadAsStringAsync());
        Assert.That(Directory.GetFiles(agent.SpoolDirectory, "*.dcm"), Is.Empty);
        Assert.That(agent.Output, Does.Contain("calling AE 'ORTHANC' from 127.0.0.1 is not an allowed caller"));
    }

    /// <summary>Starts the node, admitting only <paramref name="allowedCaller"/> from loopback, then Orthanc routing to it.</summary>
    private async Task<(AgentProcess Agent, OrthancProcess Orthanc)> StartPeersAsync(string allowedCaller = OrthancProcess.AeTitle)
    {
        Peers.Require("Orthanc");
        _directory = new TempDirectory("orthanc-routing");
        var settings = new Dictionary<string, string>
        {
            ["NodeAgent__Dicom__AllowedCallers__0__AeTitle"] = allowedCaller,
            ["NodeAgent__Dicom__AllowedCallers__0__Addresses__0"] = "127.0.0.1",
        };
        _agent = await AgentProcess.StartAsync(_directory.Path, settings);
        var orthancDirectory = Directory.CreateDirectory(_directory.Combine("orthanc")).FullName;
        _orthanc = await OrthancProcess.StartAsync(orthancDirectory, new Dictionary<string, (string, int)>
        {
            [Modality] = ("NODEAGENT", _agent.Port),
        });
        return (_agent, _orthanc);
    }

    private static void AssertJobStored(JsonDocument answer, int expected)
    {
        var root = answer.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("InstancesCount").GetInt32(), Is.EqualTo(expected), root.ToString());
            Assert.That(root.GetProperty("FailedInstancesCount").GetInt32(), Is.Zero, root.ToString());
            Assert.That(root.GetProperty("LocalAet").GetString(), Is.EqualTo(OrthancProcess.AeTitle));
            Assert.That(root.GetProperty("RemoteAet").GetString(), Is.EqualTo("NODEAGENT"));
        });
    }

    /// <summary>
    /// Every sample was kept (the ingest pipeline moves instances from the spool to the store at once, so after the stop
    /// each is in the spool or indexed), and each one still in the spool arrived from Orthanc in its own transfer syntax.
    /// </summary>
    private static async Task AssertKeptAsync(AgentProcess agent, IReadOnlyList<string> samples)
    {
        var expected = samples.Select(p => DicomFile.Open(p))
            .ToDictionary(f => f.Dataset.GetString(DicomTags.SOPInstanceUID)!, f => f.TransferSyntax.Uid, StringComparer.Ordinal);
        var spooled = Directory.GetFiles(agent.SpoolDirectory, "*.dcm").Select(TryOpen).OfType<DicomFile>().ToList();
        Assert.Multiple(() =>
        {
            foreach (var file in spooled)
            {
                var uid = file.Dataset.GetString(DicomTags.SOPInstanceUID)!;
                Assert.That(expected.ContainsKey(uid), Is.True, uid);
                Assert.That(file.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle), Is.EqualTo(OrthancProcess.AeTitle), uid);
                Assert.That(file.TransferSyntax.Uid, Is.EqualTo(expected[uid]), $"{uid}: Orthanc sends as stored; the node accepts it as proposed");
            }
        });

        Assert.That(await agent.StopAsync(TimeSpan.FromSeconds(60)), Is.Zero, agent.Output);
        Assert.That(KeptInstances.Missing(agent.DataDirectory, expected.Keys), Is.Empty, "acknowledged to Orthanc but kept nowhere");
    }

    // The pipeline may delete a spool file between listing and opening it.
    private static DicomFile? TryOpen(string path)
    {
        try
        {
            return DicomFile.Open(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
