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
/// references, an MR with overlays), two clean synthetic CT slices and one planted-PHI slice.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class StoredFileValidityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Samples =
    [
        "pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/rtdose.dcm", "pydicom/JPEG2000.dcm",
        "pydicom/liver_1frame.dcm", "pydicom/examples_overlay.dcm",
    ];

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
    public async Task Run_SamplesAndSyntheticSlices_StoredFilesPassDcmdumpPydicomAndDciodvfy()
    {
        Peers.Require("storescu");
        var dcmdump = Peers.Require("dcmdump");
        var python = Peers.RequirePydicom();
        Peers.Require("dciodvfy");
        using var directory = new TempDirectory("e2e-valid");
        var inputs = Samples.Select(RepoPaths.RequireSample).ToList();
        inputs.AddRange(SyntheticSlices(directory.Combine("synthetic")));
        await using var agent = await AgentProcess.StartAsync(directory.Path);

        var sent = await StorescuSession.SendAsync(agent.Port, inputs, Timeout);
        Assert.That(sent.Acknowledged, Has.Count.EqualTo(inputs.Count), sent.Output);
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
                Assert.That(after.Except(before), Is.Empty, $"dciodvfy errors the pipeline added to {Path.GetFileName(input)}");
            });
        }
    }

    private static List<string> SyntheticSlices(string directory)
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

        files.AddRange(PlantedPhiCorpus.Write(Path.Combine(directory, "phi"), patients: 1, slices: 1).Files);
        return files;
    }
}
