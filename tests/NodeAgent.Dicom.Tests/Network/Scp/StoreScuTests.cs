using System.Globalization;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// DCMTK's echoscu and storescu, with the proposals PACS make, against the listener: every data set must arrive
/// in the negotiated transfer syntax and equal the sent one element by element.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class StoreScuTests
{
    private const string Implicit = "1.2.840.10008.1.2";
    private const string Explicit = "1.2.840.10008.1.2.1";
    private const string BigEndian = "1.2.840.10008.1.2.2";
    private const string Deflated = "1.2.840.10008.1.2.1.99";

    /// <summary>storescu options, the file sent, and the transfer syntax the data set must travel in.</summary>
    private static readonly object[] Proposals =
    [
        new TestCaseData(new[] { "-xi" }, "pydicom/MR_small.dcm", Implicit).SetArgDisplayNames("-xi (implicit only)"),
        new TestCaseData(new[] { "-xe" }, "pydicom/MR_small.dcm", Explicit).SetArgDisplayNames("-xe (explicit LE first)"),
        new TestCaseData(new[] { "-xe", "+C" }, "pydicom/MR_small.dcm", Explicit).SetArgDisplayNames("-xe +C (one context)"),
        // Big endian proposed first in one context: our preference picks explicit little endian.
        new TestCaseData(new[] { "-xb", "+C" }, "pydicom/MR_small.dcm", Explicit).SetArgDisplayNames("-xb +C (BE first, one context)"),
        // One context per syntax: storescu uses the one matching the file, so a big endian file goes as big endian.
        new TestCaseData(new[] { "-xb" }, "pydicom/MR_small_bigendian.dcm", BigEndian).SetArgDisplayNames("-xb big endian file"),
        new TestCaseData(new[] { "-xi" }, "pydicom/MR_small_bigendian.dcm", Implicit).SetArgDisplayNames("-xi big endian file"),
        new TestCaseData(new[] { "-xd" }, "pydicom/MR_small.dcm", Deflated).SetArgDisplayNames("-xd (deflated context)"),
        new TestCaseData(new[] { "-xd", "+C" }, "pydicom/MR_small.dcm", Explicit).SetArgDisplayNames("-xd +C (deflated first, one context)"),
        new TestCaseData(new[] { "-R" }, "pydicom/CT_small.dcm", Explicit).SetArgDisplayNames("-R (required contexts only)"),
        new TestCaseData(new[] { "-xi" }, "pydicom/CT_small.dcm", Implicit).SetArgDisplayNames("-xi private tags"),
        new TestCaseData(new[] { "-xb" }, "pydicom/ExplVR_BigEnd.dcm", BigEndian).SetArgDisplayNames("-xb big endian RGB"),
        new TestCaseData(Array.Empty<string>(), "pydicom/rtplan.dcm", Implicit).SetArgDisplayNames("default, implicit file with sequences"),
        new TestCaseData(Array.Empty<string>(), "pydicom/test-SR.dcm", Explicit).SetArgDisplayNames("default, deep SR"),
    ];

    /// <summary>
    /// Files in a compressed syntax, with the storescu option that proposes it (besides the uncompressed ones, one
    /// context per syntax): storescu then sends each file as it is, without decompressing it. explicit_VR-UN.dcm and
    /// UN_sequence.dcm are left out: DCMTK 3.6.7 cannot find their SOP Class UID and refuses to send them; HTJ2K and
    /// Deflated Image Frame Compression are newer than its storescu.
    /// </summary>
    private static readonly object[] CompressedSamples =
    [
        new TestCaseData("pydicom/SC_rgb_jpeg_dcmtk.dcm", "-xy"),
        new TestCaseData("pydicom/JPGExtended.dcm", "-xx"),
        new TestCaseData("pydicom-data/JPEG-LL.dcm", "-xs"),
        new TestCaseData("pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm", "-xs"),
        new TestCaseData("pydicom-data/bad_sequence.dcm", "-xs"),
        new TestCaseData("pydicom/MR_small_jpeg_ls_lossless.dcm", "-xt"),
        new TestCaseData("pydicom/MR_small_jp2klossless.dcm", "-xv"),
        new TestCaseData("pydicom/JPEG2000.dcm", "-xw"),
        new TestCaseData("pydicom/JPEG2000-embedded-sequence-delimiter.dcm", "-xw"),
        new TestCaseData("pydicom/MR_small_RLE.dcm", "-xr"),
        new TestCaseData("pydicom/SC_rgb_rle_2frame.dcm", "-xr"),
        new TestCaseData("pydicom/image_dfl.dcm", "-xd"),
    ];

    [Test]
    public async Task Echo_Echoscu_SucceedsAndLogsOneLine()
    {
        await using var host = await ScpHost.StartAsync();

        var result = await host.EchoAsync("ECHOSCU");

        Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
        var summary = await host.Associations.NextEndedAsync(TimeSpan.FromSeconds(5));
        Assert.That((summary.CallingAE, summary.CalledAE, summary.Outcome, summary.Instances), Is.EqualTo(("ECHOSCU", ScpHost.AeTitle, "released", 0)));
        var line = host.Log.WithEventId(1001).Single().Message;
        Assert.That(line, Does.Contain("127.0.0.1").And.Contain("ECHOSCU -> NODEAGENT").And.Contain("released"));
    }

    [TestCaseSource(nameof(Proposals))]
    public async Task Store_Proposal_ArrivesInTheNegotiatedSyntaxUnchanged(string[] options, string sample, string expectedSyntax)
    {
        var path = RepoPaths.RequireSample(sample);
        await using var host = await ScpHost.StartAsync();

        var result = await host.StoreAsync(options, "STORESCU", path);

        Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
        var received = host.Handler.Completed.Single();
        Assert.That(received.TransferSyntax.Uid, Is.EqualTo(expectedSyntax), result.StdOut + result.StdErr);
        ScpSamples.AssertSameDataset(path, received);
    }

    [TestCase(BigEndian)]
    [TestCase(Deflated)]
    [TestCase(Implicit)]
    public async Task Store_ProfileProposingOneSyntaxOnly_ArrivesInThatSyntaxUnchanged(string transferSyntax)
    {
        // A configuration profile with a single context and a single syntax, as some PACS are set up: storescu must
        // transcode the explicit little endian file, and the listener must take what it is offered.
        var path = RepoPaths.RequireSample("pydicom/MR_small.dcm");
        await using var host = await ScpHost.StartAsync();
        var config = host.Directory.Combine("storescu.cfg");
        await File.WriteAllTextAsync(config, string.Join('\n',
            "[[TransferSyntaxes]]", "[Only]", $"TransferSyntax1 = {transferSyntax}",
            "[[PresentationContexts]]", "[Contexts]", $"PresentationContext1 = {ScpSamples.SopClassOf(path)}\\Only",
            "[[Profiles]]", "[OneSyntax]", "PresentationContexts = Contexts", ""));

        var result = await host.StoreAsync(["-xf", config, "OneSyntax"], "STORESCU", path);

        Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
        var received = host.Handler.Completed.Single();
        Assert.That(received.TransferSyntax.Uid, Is.EqualTo(transferSyntax));
        ScpSamples.AssertSameDataset(path, received);
    }

    [TestCaseSource(nameof(CompressedSamples))]
    public async Task Store_CompressedSample_ArrivesInItsOwnSyntaxUnchanged(string sample, string proposal)
    {
        var path = RepoPaths.RequireSample(sample);
        var own = DicomFile.Open(path).TransferSyntax;
        await using var host = await ScpHost.StartAsync();

        var result = await host.StoreAsync([proposal], "STORESCU", path);

        Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
        var received = host.Handler.Completed.Single();
        Assert.That(received.TransferSyntax, Is.EqualTo(own), result.StdOut);
        ScpSamples.AssertSameDataset(path, received);
    }

    [Test]
    public async Task Store_SeveralFilesOnOneAssociation_AllArriveWithTheirCommandsUids()
    {
        string[] samples = ["pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/rtdose.dcm", "pydicom/rtplan.dcm"];
        var paths = samples.Select(RepoPaths.RequireSample).ToArray();
        await using var host = await ScpHost.StartAsync();

        var result = await host.StoreAsync([], "STORESCU", paths);

        Assert.That(result.ExitCode, Is.Zero, result.StdOut + result.StdErr);
        var received = host.Handler.Completed;
        Assert.That(received.Select(r => r.AssociationId).Distinct().Count(), Is.EqualTo(1), "one association");
        Assert.That(received, Has.Count.EqualTo(paths.Length));
        foreach (var path in paths)
        {
            var uid = DicomFile.Open(path).Dataset.GetString(DicomTags.SOPInstanceUID);
            ScpSamples.AssertSameDataset(path, received.Single(r => r.SopInstanceUid == uid));
        }

        var summary = await host.Associations.NextEndedAsync(TimeSpan.FromSeconds(5));
        Assert.That((summary.Instances, summary.Failures, summary.Outcome), Is.EqualTo((paths.Length, 0, "released")));
        Assert.That(summary.Bytes, Is.EqualTo(received.Sum(r => new FileInfo(r.Path).Length)));
        Assert.That(host.Log.WithEventId(1001).Single().Message,
            Does.Contain(string.Create(CultureInfo.InvariantCulture, $"{paths.Length} instances (0 failed)")));
    }
}
