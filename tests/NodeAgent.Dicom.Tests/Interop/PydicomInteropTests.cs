using System.Text.Json;
using NodeAgent.Dicom.Tests.Support;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Interop;

/// <summary>pydicom is the second, independent reader of what we write: every file must read and warn no more than the original.</summary>
[TestFixture]
[Category("Interop")]
public sealed class PydicomInteropTests
{
    [Test]
    public async Task Save_EveryRealSample_PydicomReadsItWithNoNewWarning()
    {
        var python = Peers.RequirePydicom();
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Interop", "read_with_pydicom.py");
        using var directory = new TempDirectory("pydicom");
        var pairs = new List<(string Original, string Ours)>();
        foreach (var (name, index) in Samples.Readable.Except(MediaOnly).Select((n, i) => (n, i)))
        {
            var ours = directory.Combine($"{index:D2}.dcm");
            DicomFile.Open(Samples.PathOf(name)).Save(ours);
            pairs.Add((Samples.PathOf(name), ours));
        }

        var result = await ProcessRunner.RunAsync(python, [script, .. pairs.SelectMany(p => new[] { p.Original, p.Ours })], TimeSpan.FromMinutes(2));
        var reports = result.EnsureSuccess().StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<PydicomReport>(line, JsonOptions)!)
            .ToDictionary(report => report.Path);

        Assert.Multiple(() =>
        {
            foreach (var (original, ours) in pairs)
            {
                var theirs = reports[ours];
                Assert.That(theirs.Error, Is.Null, $"pydicom could not read our copy of {original}");
                var newWarnings = theirs.Warnings.Except(reports[original].Warnings).ToList();
                Assert.That(newWarnings, Is.Empty, $"pydicom warns about our copy of {original} but not the original");
            }
        });
    }

    /// <summary>
    /// A DICOMDIR's records point at byte offsets of its own file; rewriting it moves them, and pydicom follows
    /// them. A DICOMDIR is media, never sent by C-STORE, so rewriting one is not something the node does.
    /// </summary>
    private static readonly string[] MediaOnly = ["pydicom/DICOMDIR"];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record PydicomReport(string Path, string? Error, IReadOnlyList<string> Warnings);
}
