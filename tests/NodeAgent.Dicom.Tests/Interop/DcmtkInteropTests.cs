using NodeAgent.Dicom.Tests.Support;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Interop;

/// <summary>DCMTK is the reference reader: it must read what we write without an error, and read what we read the same way.</summary>
[TestFixture]
[Category("Interop")]
public sealed class DcmtkInteropTests
{
    private static IEnumerable<string> Readable => Samples.Readable;

    [TestCaseSource(nameof(Readable))]
    public async Task Save_RealSample_DcmdumpReadsWithoutError(string name)
    {
        var dcmdump = Peers.Require("dcmdump");
        using var directory = new TempDirectory("dcmdump-e");
        var copy = directory.Combine("copy.dcm");
        DicomFile.Open(Samples.PathOf(name)).Save(copy);

        var result = await ProcessRunner.RunAsync(dcmdump, ["+E", "-q", copy], TimeSpan.FromSeconds(30));

        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        Assert.That(result.StdErr.Split('\n').Where(line => line.StartsWith("E:", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCaseSource(nameof(Comparable))]
    public async Task Open_RealSample_ElementsEqualDcmdumps(string name)
    {
        var dcmdump = Peers.Require("dcmdump");
        var path = Samples.PathOf(name);

        var result = await ProcessRunner.RunAsync(dcmdump, [.. DcmdumpParser.RecommendedArguments, "+U8", path], TimeSpan.FromSeconds(30));
        var theirs = DcmdumpComparison.Theirs(DcmdumpParser.ParseFile(result.EnsureSuccess().StdOut));
        var ours = DcmdumpComparison.Ours(DicomFile.Open(path).Dataset);

        Assert.That(ours, Is.EqualTo(theirs), DatasetDump.Diff(theirs, ours));
    }

    /// <summary>
    /// pydicom/priv_SQ.dcm is left out on purpose: DCMTK 3.6.7 shows its undefined-length private element of
    /// unknown VR as raw bytes, where we parse it as the sequence it is (PS3.5 §6.2.2, CP-246).
    /// Files whose text is plain ASCII (dcmdump prints raw bytes, we decode), in every encoding and with
    /// sequences, private elements, encapsulated pixel data and multi-frame data.
    /// </summary>
    private static IEnumerable<string> Comparable =>
    [
        "pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/MR_small_implicit.dcm", "pydicom/MR_small_bigendian.dcm",
        "pydicom/MR_small_RLE.dcm", "pydicom/rtplan.dcm", "pydicom/rtdose.dcm", "pydicom/test-SR.dcm", "pydicom/waveform_ecg.dcm",
        "pydicom/JPEG2000.dcm", "pydicom/nested_priv_SQ.dcm", "pydicom/reportsi.dcm",
        "pydicom-data/eCT_Supplemental.dcm", "pydicom-data/liver.dcm", "pydicom-data/emri_small.dcm", "pydicom/image_dfl.dcm",
    ];
}
