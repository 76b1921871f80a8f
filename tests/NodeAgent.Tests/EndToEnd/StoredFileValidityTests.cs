using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Testing.Corpus;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.EndToEnd;

/// <summary>
/// Issue 4: what the pipeline stores is valid DICOM for two independent readers (DCMTK's <c>dcmdump +E</c> and
/// pydicom, which also decodes every text value under the stored character set), and dciodvfy reports no error in a
/// stored file that the input it came from did not already have (compared as in <see cref="DciodvfyErrors"/>).
/// The inputs: real samples (CT, MR, implicit-VR RT Dose, JPEG 2000 Secondary Capture, a Segmentation with
/// references, an MR with overlays) and two clean synthetic CT slices; and, on its own, one planted-PHI slice.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class StoredFileValidityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Samples =
    [
        "pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/rtdose.dcm", "pydicom/liver_1frame.dcm", "pydicom/examples_overlay.dcm",
    ];

    // Sent on its own association: storescu proposes JPEG 2000 only when asked (-xw).
    private const string Compressed = "pydicom/JPEG2000.dcm";

    // Reads every file, walks every element (decoding text with the file's character set) and checks native pixel lengths.
    private const string PydicomCheck = """
        import sys, pydicom
        for path in sys.argv[1:]:
            ds = pydicom.dcmread(path)
            for element in ds.iterall():
                str(element.value)
            if ds.SpecificCharacterSet != "ISO_IR 192":
                raise SystemExit(f"{path}: Specific Character Set {ds.SpecificCharacterSet!r}")
            if "PixelData" in ds and not ds.file_meta.TransferSyntaxUID.is_compressed:
                expected = ds.Rows * ds.Columns * ds.SamplesPerPixel * ds.BitsAllocated // 8 * int(getattr(ds, "NumberOfFrames", 1) or 1)
                if len(ds.PixelData) not in (expected, expected + 1):
                    raise SystemExit(f"{path}: {len(ds.PixelData)} bytes of pixel data, expected {expected}")
            print("ok", path)
        """;

    [Test]
    public async Task Run_RealSamplesAndCleanSlices_StoredFilesPassDcmdumpPydicomAndDciodvfy()
    {
        using var directory = new TempDirectory("e2e-valid");
        var inputs = Samples.Select(RepoPaths.RequireSample).ToList();
        inputs.AddRange(CleanSlices(directory.Combine("synthetic")));

        await IngestAndCheckAsync(directory, inputs, RepoPaths.RequireSample(Compressed));
    }

    // The planted-PHI slice is hostile input (a marker in every attribute, dates and numbers included): what
    // de-identification does to it must still not break the IOD beyond what the input already broke.
    [Test]
    public async Task Run_PlantedPhiSlice_StoredFilePassesDcmdumpPydicomAndDciodvfy()
    {
        using var directory = new TempDirectory("e2e-valid");
        var inputs = PlantedPhiCorpus.Write(directory.Combine("phi"), patients: 1, slices: 1).Files.ToList();

        await IngestAndCheckAsync(directory, inputs, compressed: null);
    }

    private static async Task IngestAndCheckAsync(TempDirectory directory, List<string> inputs, string? compressed)
    {
        Peers.Require("storescu");
        var dcmdump = Peers.Require("dcmdump");
        var python = Peers.RequirePydicom();
        Peers.Require("dciodvfy");
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        // -R: propose the files' own SOP classes; storescu's default list has no Segmentation Storage.
        var sent = await StorescuSession.SendAsync(agent.Port, inputs, Timeout, ["-R"]);
        Assert.That(sent.Acknowledged, Has.Count.EqualTo(inputs.Count), sent.Output);
        if (compressed is not null)
        {
            var other = await StorescuSession.SendAsync(agent.Port, [compressed], Timeout, ["-xw"]);
            Assert.That(other.Acknowledged, Has.Count.EqualTo(1), other.Output);
            inputs.Add(compressed);
        }

        await DataDirectory.WaitUntilIngestedAsync(agent, inputs.Count, Timeout);
        Assert.That(await agent.StopAsync(Timeout), Is.Zero, agent.Output);

        var data = agent.DataDirectory;
        var pseudonyms = DataDirectory.SitePseudonyms(data);
        var stored = DataDirectory.StoredFiles(data).ToDictionary(path => DicomFile.Open(path).Dataset.GetString(DicomTags.SOPInstanceUID)!, StringComparer.Ordinal);
        var pairs = inputs.Select(input => (Input: input, Stored: stored.GetValueOrDefault(pseudonyms.Uid(DicomFile.Open(input).Dataset.GetString(DicomTags.SOPInstanceUID)!)))).ToList();
        Assert.That(pairs.Where(p => p.Stored is null).Select(p => p.Input), Is.Empty, "inputs without a stored file of their pseudonymised UID");

        var pydicom = await ProcessRunner.RunAsync(python, ["-c", PydicomCheck, .. stored.Values], Timeout);
        Assert.That(pydicom.ExitCode, Is.Zero, pydicom.StdErr + pydicom.StdOut);
        foreach (var (input, output) in pairs)
        {
            var dump = await ProcessRunner.RunAsync(dcmdump, ["+E", "-q", output!], Timeout);
            var before = await DciodvfyErrors.OfAsync(input);
            var after = await DciodvfyErrors.OfAsync(output!);
            Assert.Multiple(() =>
            {
                Assert.That(dump.ExitCode, Is.Zero, $"dcmdump +E {Path.GetFileName(input)}: {dump.StdErr}");
                Assert.That(dump.StdErr.Split('\n').Where(l => l.StartsWith("E:", StringComparison.Ordinal)), Is.Empty, Path.GetFileName(input));
                var added = after.Except(before).ToList();
                Assert.That(added, Is.Empty, $"dciodvfy errors the pipeline added to {Path.GetFileName(input)}:\n{string.Join('\n', added)}");
            });
        }
    }

    private static List<string> CleanSlices(string directory)
    {
        Directory.CreateDirectory(directory);
        var patient = SyntheticPatient.Numbered(70);
        var files = new List<string>();
        for (var i = 1; i <= 2; i++)
        {
            var path = Path.Combine(directory, $"clean{i}.dcm");
            SmallCt.Save(SmallCt.Create(patient, SmallCtUids.Under($"{PlantedPhiCorpus.UidRoot}.70", 1, i), "20240615", i), path);
            files.Add(path);
        }

        return files;
    }
}
