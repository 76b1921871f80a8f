using System.Diagnostics;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Real files from other software: the engine never throws on them, and its output is a valid file.</summary>
[TestFixture]
public sealed class SampleFilesTests
{
    // Truncated on purpose: the reader rejects them, so there is no data set to de-identify.
    private static readonly string[] Truncated = ["MR_truncated.dcm", "rtplan_truncated.dcm"];

    [Test]
    public void Deidentify_EveryReadableSample_NoExceptionAndTheResultSavesAndReReads()
    {
        RepoPaths.RequireShared();
        var files = Directory.EnumerateFiles(
                RepoPaths.SamplesDirectory,
                "*",
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(path => !Truncated.Contains(Path.GetFileName(path)) && !Path.GetExtension(path).Equals(".txt", StringComparison.OrdinalIgnoreCase)
                && !Path.GetFileName(path).StartsWith("README", StringComparison.Ordinal) && Path.GetFileName(path) != "SHA256SUMS")
            .Order(StringComparer.Ordinal)
            .ToArray();
        using var directory = new TempDirectory("deid-samples");
        var processed = 0;

        foreach (var path in files)
        {
            DicomFile file;
            try
            {
                file = DicomFile.Open(path);
            }
            catch (DicomException)
            {
                continue;
            }

            var hadPatientId = file.Dataset.Contains(DicomTags.PatientID);
            var result = Engine().Deidentify(file.Dataset);
            var output = directory.Combine($"{processed}.dcm");
            file.Save(output);
            var reread = DicomFile.Open(output).Dataset;

            Assert.That(reread.GetString(DicomTags.PatientIdentityRemoved), Is.EqualTo("YES"), path);
            Assert.That(reread.GetString(DicomTags.PatientID), Is.EqualTo(hadPatientId ? result.PatientPseudonym : null), path);
            Assert.That(reread.Where(item => item.Tag.IsPrivate && !item.Tag.IsPrivateCreator)
                .All(item => SafePrivateAttributes.IsSafe(item.Tag.Group, reread.GetPrivateCreator(item.Tag), (byte)item.Tag.Element)), Is.True, path);
            processed++;
        }

        Assert.That(processed, Is.GreaterThanOrEqualTo(55), "readable samples");
    }

    [Test]
    public void Deidentify_InstanceHeader_WellUnderOneMillisecond()
    {
        // CT_small: 258 elements, 179 of them private. The best of many small batches is taken, so that other work on
        // a shared machine (a CI runner, parallel builds) does not count against the engine.
        const int batches = 60;
        const int batchSize = 5;
        var path = RepoPaths.RequireSample("pydicom/CT_small.dcm");
        var engine = Engine();
        var datasets = Enumerable.Range(0, 50 + (batches * batchSize)).Select(_ => DicomFile.Open(path).Dataset).ToArray();
        var elements = datasets[0].Count;
        for (var i = 0; i < 50; i++)
        {
            engine.Deidentify(datasets[i]);
        }

        var best = TimeSpan.MaxValue;
        for (var batch = 0; batch < batches; batch++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < batchSize; i++)
            {
                engine.Deidentify(datasets[50 + (batch * batchSize) + i]);
            }

            best = TimeSpan.FromTicks(Math.Min(best.Ticks, stopwatch.Elapsed.Ticks / batchSize));
        }

        TestContext.Out.WriteLine($"{best.TotalMicroseconds:F0} µs per instance of {elements} top-level elements");
        Assert.That(best, Is.LessThan(TimeSpan.FromMilliseconds(1)));
    }
}
