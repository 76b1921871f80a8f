using NodeAgent.Core.Index;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Index;

/// <summary>The LiteDB index file: documents, rollups, idempotence and durability across reopening.</summary>
[TestFixture]
public sealed class LiteDbInstanceIndexTests
{
    private static readonly DateTime T0 = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory("index");

    [TearDown]
    public void TearDown() => _directory.Dispose();

    private LiteDbInstanceIndex Open() => LiteDbInstanceIndex.OpenInDirectory(_directory.Path);

    private static SeriesRollup Series(LiteDbInstanceIndex index, int series, int study = 0, int patient = 0) =>
        index.GetSeriesRollups().Single(rollup => rollup.SeriesKey == $"2.25.2.{patient}.{study}.{series}");

    [Test]
    public void OpenInDirectory_NewDirectory_EmptyIndexFile()
    {
        using var index = Open();

        Assert.That(index.IsEmpty, Is.True);
        Assert.That(index.Counts, Is.EqualTo(new IndexCounts(0, 0, 0, 0)));
        Assert.That(File.Exists(_directory.Combine(LiteDbInstanceIndex.FileName)), Is.True);
    }

    [Test]
    public void WriteBatch_NewEntries_DocumentsAndRollups()
    {
        using var index = Open();
        var entries = new List<IndexEntry>();
        for (var i = 0; i < 12; i++)
        {
            // 2 patients × 2 studies × 3 series, 1 instance each, and the first series gets a second instance.
            entries.Add(IndexEntries.Create(i, series: i % 3, study: i / 3 % 2, patient: i / 6, size: 100 + i));
        }

        entries.Add(IndexEntries.Create(99, series: 0, study: 0, patient: 0, size: 1));

        var result = index.WriteBatch(entries, IndexWriteMode.Replace, T0);

        Assert.That(result.Results.Select(r => r.Status), Is.All.EqualTo(IndexWriteStatus.Added));
        Assert.That(index.Counts, Is.EqualTo(new IndexCounts(Patients: 2, Studies: 4, Series: 12, Instances: 13)));
        Assert.That(index.IsEmpty, Is.False);
        var first = Series(index, 0);
        Assert.Multiple(() =>
        {
            Assert.That(first.InstanceCount, Is.EqualTo(2));
            Assert.That(first.TotalBytes, Is.EqualTo(101));
            Assert.That(first.FrameCount, Is.EqualTo(2));
            Assert.That(first.StudyKey, Is.EqualTo("2.25.1.0.0"));
            Assert.That(first.PatientKey, Is.EqualTo("patient-0"));
            Assert.That(first.Dimensions, Is.EqualTo(IndexEntries.Ct));
            Assert.That(first.FirstIndexedUtc, Is.EqualTo(T0));
            Assert.That(result.Commit.ChangedSeries, Has.Count.EqualTo(12));
            Assert.That(result.Commit.RemovedSeries, Is.Empty);
        });
        Assert.That(index.TryGet("key-000007", out var stored), Is.True);
        Assert.That(stored!.Entry, Is.EqualTo(entries[7]));
        Assert.That(stored.IndexedUtc, Is.EqualTo(T0));
        Assert.That(index.Contains("key-000099"), Is.True);
        Assert.That(index.Contains("key-000100"), Is.False);
    }

    [Test]
    public void WriteBatch_SameKeyReplaced_CountedOnceWithNewValues()
    {
        using var index = Open();
        var original = IndexEntries.Create(1, size: 1000);
        index.WriteBatch([original, IndexEntries.Create(2, size: 10)], IndexWriteMode.Replace, T0);
        var mr = IndexEntries.Ct with { Modality = "MR", ContrastAgent = true, NumberOfFrames = 30 };
        var replacement = IndexEntries.Create(1, size: 5000, dimensions: mr) with { StoredPath = "/data/store/other.dcm" };

        var result = index.WriteBatch([replacement], IndexWriteMode.Replace, T0.AddHours(1));

        Assert.That(result.Results[0].Status, Is.EqualTo(IndexWriteStatus.Replaced));
        Assert.That(result.Results[0].Previous!.Entry, Is.EqualTo(original));
        Assert.That(index.Counts, Is.EqualTo(new IndexCounts(1, 1, 1, 2)));
        var series = Series(index, 0);
        Assert.Multiple(() =>
        {
            Assert.That(series.InstanceCount, Is.EqualTo(2));
            Assert.That(series.TotalBytes, Is.EqualTo(5010));
            Assert.That(series.FrameCount, Is.EqualTo(31));
            Assert.That(series.Dimensions.Modality, Is.EqualTo("MR"), "key-1 is the series' representative");
            Assert.That(series.Dimensions.ContrastAgent, Is.True);
            Assert.That(series.FirstIndexedUtc, Is.EqualTo(T0));
            Assert.That(series.LastIndexedUtc, Is.EqualTo(T0.AddHours(1)));
        });
        Assert.That(index.TryGet("key-000001", out var stored), Is.True);
        Assert.That(stored!.Entry.StoredPath, Is.EqualTo("/data/store/other.dcm"));
    }

    [Test]
    public void WriteBatch_SameKeyTwiceInOneBatch_LastWinsCountedOnce()
    {
        using var index = Open();

        var result = index.WriteBatch(
            [IndexEntries.Create(1, size: 10), IndexEntries.Create(1, size: 20), IndexEntries.Create(1, size: 30)],
            IndexWriteMode.Replace,
            T0);

        Assert.That(result.Results.Select(r => r.Status), Is.EqualTo(new[] { IndexWriteStatus.Added, IndexWriteStatus.Replaced, IndexWriteStatus.Replaced }));
        Assert.That(index.Counts, Is.EqualTo(new IndexCounts(1, 1, 1, 1)));
        Assert.That(Series(index, 0).TotalBytes, Is.EqualTo(30));
    }

    [Test]
    public void WriteBatch_KeepFirst_SecondIgnoredAndRollupsUnchanged()
    {
        using var index = Open();
        var first = IndexEntries.Create(1, size: 10);
        index.WriteBatch([first], IndexWriteMode.KeepFirst, T0);

        var result = index.WriteBatch(
            [IndexEntries.Create(1, series: 5, size: 99), IndexEntries.Create(2, size: 1)],
            IndexWriteMode.KeepFirst,
            T0.AddMinutes(1));

        Assert.That(result.Results[0].Status, Is.EqualTo(IndexWriteStatus.Ignored));
        Assert.That(result.Results[0].Previous!.Entry, Is.EqualTo(first));
        Assert.That(result.Results[1].Status, Is.EqualTo(IndexWriteStatus.Added));
        Assert.That(index.Counts, Is.EqualTo(new IndexCounts(1, 1, 1, 2)));
        Assert.That(Series(index, 0).TotalBytes, Is.EqualTo(11));
        Assert.That(index.GetSeriesRollups(), Has.Count.EqualTo(1), "the ignored entry's series 5 was never created");
    }

    [Test]
    public void WriteBatch_ReplacementMovesToOtherStudy_OldRollupsRemoved()
    {
        using var index = Open();
        index.WriteBatch([IndexEntries.Create(1, series: 0, study: 0)], IndexWriteMode.Replace, T0);

        var result = index.WriteBatch([IndexEntries.Create(1, series: 1, study: 1, patient: 1)], IndexWriteMode.Replace, T0);

        Assert.That(index.Counts, Is.EqualTo(new IndexCounts(1, 1, 1, 1)));
        Assert.That(result.Commit.RemovedSeries, Is.EqualTo(new[] { "2.25.2.0.0.0" }));
        Assert.That(index.GetSeriesRollups().Single().SeriesKey, Is.EqualTo("2.25.2.1.1.1"));
        Assert.That(index.StudyCountSince(T0), Is.EqualTo(1));
    }

    [Test]
    public void WriteBatch_RepresentativeMovesAway_NextInstanceRepresents()
    {
        using var index = Open();
        var us = IndexEntries.Ct with { Modality = "US", BurnedInAnnotationRisk = BurnedInAnnotationRisk.Possible };
        index.WriteBatch([IndexEntries.Create(1), IndexEntries.Create(2, dimensions: us)], IndexWriteMode.Replace, T0);
        Assert.That(Series(index, 0).Dimensions.Modality, Is.EqualTo("CT"));
        Assert.That(Series(index, 0).Dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Possible), "highest risk of any instance");

        index.WriteBatch([IndexEntries.Create(1, series: 7)], IndexWriteMode.Replace, T0);

        var remaining = Series(index, 0);
        Assert.That(remaining.InstanceCount, Is.EqualTo(1));
        Assert.That(remaining.Dimensions.Modality, Is.EqualTo("US"));
        Assert.That(index.Counts, Is.EqualTo(new IndexCounts(1, 1, 2, 2)));
    }

    [Test]
    public void WriteBatch_RiskyInstanceReplacedBySafeOne_SeriesRiskDrops()
    {
        using var index = Open();
        var high = IndexEntries.Ct with { BurnedInAnnotationRisk = BurnedInAnnotationRisk.High, ContrastAgent = true };
        index.WriteBatch([IndexEntries.Create(1), IndexEntries.Create(2, dimensions: high)], IndexWriteMode.Replace, T0);
        Assert.That(Series(index, 0).Dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.High));

        index.WriteBatch([IndexEntries.Create(2)], IndexWriteMode.Replace, T0);

        Assert.That(Series(index, 0).Dimensions.BurnedInAnnotationRisk, Is.EqualTo(BurnedInAnnotationRisk.Low));
        Assert.That(Series(index, 0).Dimensions.ContrastAgent, Is.False);
    }

    [Test]
    public void Open_AfterDispose_EverythingKept()
    {
        IReadOnlyList<SeriesRollup> before;
        using (var index = Open())
        {
            index.WriteBatch(Enumerable.Range(0, 50).Select(i => IndexEntries.Create(i, series: i % 5, study: i % 2)).ToList(), IndexWriteMode.Replace, T0);
            index.WriteBatch([IndexEntries.Create(3, size: 7)], IndexWriteMode.Replace, T0.AddDays(1));
            before = index.GetSeriesRollups();
        }

        using var reopened = Open();

        Assert.That(reopened.Counts, Is.EqualTo(new IndexCounts(1, 2, 10, 50)), "series keys include the study: 5 × 2");
        Assert.That(reopened.GetSeriesRollups(), Is.EquivalentTo(before));
        Assert.That(reopened.TryGet("key-000003", out var stored), Is.True);
        Assert.That(stored!.Entry.Size, Is.EqualTo(7));
        Assert.That(stored.IndexedUtc, Is.EqualTo(T0.AddDays(1)));
    }

    [Test]
    public void Open_ReadOnly_ReadsWhatWasWritten()
    {
        using (var index = Open())
        {
            index.WriteBatch([IndexEntries.Create(1)], IndexWriteMode.Replace, T0);
        }

        using var readOnly = LiteDbInstanceIndex.Open(_directory.Combine(LiteDbInstanceIndex.FileName), readOnly: true);

        Assert.That(readOnly.Counts.Instances, Is.EqualTo(1));
        Assert.That(readOnly.Contains("key-000001"), Is.True);
    }

    [Test]
    public void Open_ReadOnlyMissingFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => LiteDbInstanceIndex.Open(_directory.Combine("missing.db"), readOnly: true));
    }

    [Test]
    public void CountSince_InstancesAndStudies_ByIndexingTime()
    {
        using var index = Open();
        index.WriteBatch([IndexEntries.Create(1, study: 0), IndexEntries.Create(2, study: 1)], IndexWriteMode.Replace, T0);
        index.WriteBatch([IndexEntries.Create(3, study: 1), IndexEntries.Create(4, study: 2)], IndexWriteMode.Replace, T0.AddHours(2));

        Assert.Multiple(() =>
        {
            Assert.That(index.InstanceCountSince(T0), Is.EqualTo(4));
            Assert.That(index.InstanceCountSince(T0.AddHours(1)), Is.EqualTo(2));
            Assert.That(index.InstanceCountSince(T0.AddHours(3)), Is.Zero);
            Assert.That(index.StudyCountSince(T0.AddHours(1)), Is.EqualTo(1), "study 1 began before, only study 2 is new");
        });
    }

    [Test]
    public void WriteBatch_KeysDifferingOnlyInCase_TwoInstances()
    {
        using var index = Open();

        index.WriteBatch(
            [IndexEntries.Create(1) with { InstanceKey = "aBc" }, IndexEntries.Create(2) with { InstanceKey = "AbC" }],
            IndexWriteMode.Replace,
            T0);

        Assert.That(index.Counts.Instances, Is.EqualTo(2));
    }

    [Test]
    public void WriteBatch_InvalidEntry_NothingWritten()
    {
        using var index = Open();

        Assert.Throws<ArgumentException>(() =>
            index.WriteBatch([IndexEntries.Create(1), IndexEntries.Create(2) with { SeriesInstanceUid = " " }], IndexWriteMode.Replace, T0));

        Assert.That(index.IsEmpty, Is.True);
        Assert.That(index.Contains("key-000001"), Is.False);
    }
}
