using System.Diagnostics;
using NodeAgent.Core.Index;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Index;

/// <summary>Group commit: batching, concurrency, idempotence, failures and stopping.</summary>
[TestFixture]
public sealed class IndexWriterTests
{
    private TempDirectory _directory = null!;
    private LiteDbInstanceIndex _index = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new TempDirectory("index-writer");
        _index = LiteDbInstanceIndex.OpenInDirectory(_directory.Path);
    }

    [TearDown]
    public void TearDown()
    {
        _index.Dispose();
        _directory.Dispose();
    }

    private static IndexWriterOptions Options(IndexWriteMode mode = IndexWriteMode.Replace) => new() { Mode = mode };

    // Every series rollup agrees with the entries that were indexed last for each key.
    private void AssertRollupsMatch(List<IndexEntry> entries)
    {
        var bySeries = entries.GroupBy(entry => entry.SeriesInstanceUid).ToDictionary(group => group.Key, group => group.ToList());
        var rollups = _index.GetSeriesRollups();
        Assert.That(rollups.Select(rollup => rollup.SeriesKey), Is.EquivalentTo(bySeries.Keys));
        foreach (var rollup in rollups)
        {
            var expected = bySeries[rollup.SeriesKey];
            Assert.That(rollup.InstanceCount, Is.EqualTo(expected.Count), rollup.SeriesKey);
            Assert.That(rollup.TotalBytes, Is.EqualTo(expected.Sum(entry => entry.Size)), rollup.SeriesKey);
        }

        Assert.That(_index.Counts, Is.EqualTo(new IndexCounts(
            entries.Select(entry => entry.PatientId).Distinct().Count(),
            entries.Select(entry => entry.StudyInstanceUid).Distinct().Count(),
            bySeries.Count,
            entries.Count)));
    }

    [Test]
    public async Task AddAsync_TenThousandEntries_CommittedInBatches()
    {
        const int count = 10_000;
        var writer = new IndexWriter(_index, Options(), TimeProvider.System);
        var batches = 0;
        writer.Committed += _ => batches++;
        var run = writer.RunAsync(CancellationToken.None);
        var entries = Enumerable.Range(0, count)
            .Select(i => IndexEntries.Create(i, series: i % 200, study: i % 40, patient: i % 10, size: 1000 + i))
            .ToList();

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(entries.Select(entry => writer.AddAsync(entry)));
        watch.Stop();
        writer.Complete();
        await run;

        await TestContext.Out.WriteLineAsync(
            $"IndexWriter: {count} entries in {watch.Elapsed.TotalMilliseconds:F0} ms = {count / watch.Elapsed.TotalSeconds:F0} entries/s, {batches} batches");
        Assert.That(results.Select(result => result.Status), Is.All.EqualTo(IndexWriteStatus.Added));
        Assert.That(batches, Is.LessThan(count / 10), "entries were grouped, not committed one by one");
        AssertRollupsMatch(entries);
    }

    [Test]
    public async Task AddAsync_EightConcurrentProducersWithRepeats_EachKeyOnce()
    {
        const int PerProducer = 60;
        var writer = new IndexWriter(_index, Options(), TimeProvider.System);
        var run = writer.RunAsync(CancellationToken.None);

        // Eight producers, each awaiting every entry before sending the next; every key is sent by two of them, and the size does not depend on the sender, so the
        // final state is the same whichever copy is committed last.
        var producers = Enumerable.Range(0, 8).Select(producer => Task.Run(async () =>
        {
            var statuses = new List<IndexWriteStatus>();
            for (var i = 0; i < PerProducer; i++)
            {
                var instance = (producer / 2 * PerProducer) + i;
                var result = await writer.AddAsync(IndexEntries.Create(instance, series: instance % 17, study: instance % 5, patient: instance % 3, size: instance));
                statuses.Add(result.Status);
            }

            return statuses;
        })).ToList();
        var statuses = (await Task.WhenAll(producers)).SelectMany(list => list).ToList();
        writer.Complete();
        await run;

        Assert.That(statuses.Count(status => status == IndexWriteStatus.Added), Is.EqualTo(4 * PerProducer));
        Assert.That(statuses.Count(status => status == IndexWriteStatus.Replaced), Is.EqualTo(4 * PerProducer));
        var expected = Enumerable.Range(0, 4 * PerProducer).Select(i => IndexEntries.Create(i, series: i % 17, study: i % 5, patient: i % 3, size: i)).ToList();
        AssertRollupsMatch(expected);
    }

    [Test]
    public async Task AddAsync_KeepFirstMode_LaterCopyIgnored()
    {
        var writer = new IndexWriter(_index, Options(IndexWriteMode.KeepFirst), TimeProvider.System);
        var run = writer.RunAsync(CancellationToken.None);

        var first = await writer.AddAsync(IndexEntries.Create(1, size: 10));
        var second = await writer.AddAsync(IndexEntries.Create(1, size: 20) with { StoredPath = "/elsewhere.dcm" });
        writer.Complete();
        await run;

        Assert.That(first.Status, Is.EqualTo(IndexWriteStatus.Added));
        Assert.That(second.Status, Is.EqualTo(IndexWriteStatus.Ignored));
        Assert.That(_index.TryGet("key-000001", out var stored), Is.True);
        Assert.That(stored!.Entry.StoredPath, Is.EqualTo("/data/store/000001.dcm"));
        AssertRollupsMatch([IndexEntries.Create(1, size: 10)]);
    }

    [Test]
    public async Task AddAsync_CompletesOnlyOnceDurable_VisibleToNewReader()
    {
        var writer = new IndexWriter(_index, Options(), TimeProvider.System);
        var run = writer.RunAsync(CancellationToken.None);

        await writer.AddAsync(IndexEntries.Create(42));

        Assert.That(_index.Contains("key-000042"), Is.True);
        writer.Complete();
        await run;
    }

    [Test]
    public async Task Committed_AfterBatch_ReportsChangedSeries()
    {
        var writer = new IndexWriter(_index, Options(), TimeProvider.System);
        var commits = new List<IndexCommit>();
        writer.Committed += commits.Add;
        var run = writer.RunAsync(CancellationToken.None);

        await writer.AddAsync(IndexEntries.Create(1, series: 3));
        writer.Complete();
        await run;

        Assert.That(commits, Has.Count.EqualTo(1));
        Assert.That(commits[0].ChangedSeries.Single().SeriesKey, Is.EqualTo("2.25.2.0.0.3"));
        Assert.That(commits[0].ChangedSeries.Single().InstanceCount, Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_StorageFailure_BatchFaultsAndLaterBatchesCommit()
    {
        using var failing = new FailOnceIndex(_index);
        var writer = new IndexWriter(failing, Options(), TimeProvider.System);
        var run = writer.RunAsync(CancellationToken.None);

        Assert.ThrowsAsync<IOException>(() => writer.AddAsync(IndexEntries.Create(1)));
        var retried = await writer.AddAsync(IndexEntries.Create(1));
        writer.Complete();
        await run;

        Assert.That(retried.Status, Is.EqualTo(IndexWriteStatus.Added));
        Assert.That(_index.Counts.Instances, Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_Cancelled_QueuedEntriesCancelled()
    {
        var writer = new IndexWriter(_index, Options(), TimeProvider.System);
        var queued = writer.AddAsync(IndexEntries.Create(1));
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        await writer.RunAsync(stop.Token);

        Assert.That(async () => await queued, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_index.IsEmpty, Is.True);
        Assert.That(() => writer.AddAsync(IndexEntries.Create(2)), Throws.InstanceOf<System.Threading.Channels.ChannelClosedException>());
    }

    [Test]
    public async Task Complete_WithQueuedEntries_DrainedBeforeRunReturns()
    {
        var writer = new IndexWriter(_index, Options(), TimeProvider.System);
        var queued = Enumerable.Range(0, 3).Select(i => writer.AddAsync(IndexEntries.Create(i))).ToList();
        writer.Complete();

        await writer.RunAsync(CancellationToken.None);

        Assert.That(_index.Counts.Instances, Is.EqualTo(3), "committed before RunAsync returned");
        var results = await Task.WhenAll(queued);
        Assert.That(results.Select(result => result.Status), Is.All.EqualTo(IndexWriteStatus.Added));
    }

    [Test]
    public async Task RunAsync_BatchDelay_LaterEntryJoinsTheBatch()
    {
        var writer = new IndexWriter(_index, new IndexWriterOptions { MaxBatchDelay = TimeSpan.FromSeconds(10) }, TimeProvider.System);
        var commits = new List<IndexCommit>();
        writer.Committed += commits.Add;
        var run = writer.RunAsync(CancellationToken.None);

        var first = writer.AddAsync(IndexEntries.Create(1));
        await Task.Delay(100);
        var second = writer.AddAsync(IndexEntries.Create(2, series: 1));
        await Task.Delay(100);
        var waitedForMore = !first.IsCompleted;
        writer.Complete();
        await Task.WhenAll(first, second, run);

        Assert.That(waitedForMore, Is.True, "the first entry waits for the batch delay");
        Assert.That(commits, Has.Count.EqualTo(1));
        Assert.That(commits[0].ChangedSeries, Has.Count.EqualTo(2));
    }

    [Test]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new IndexWriter(_index, new IndexWriterOptions { MaxBatchSize = 0 }, TimeProvider.System));
    }

    /// <summary>The real index, whose first batch fails as a full disk would.</summary>
    private sealed class FailOnceIndex(IInstanceIndex inner) : IInstanceIndex
    {
        private bool _failed;

        public bool IsEmpty => inner.IsEmpty;

        public IndexCounts Counts => inner.Counts;

        public bool Contains(string instanceKey) => inner.Contains(instanceKey);

        public bool TryGet(string instanceKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IndexedInstance? instance) =>
            inner.TryGet(instanceKey, out instance);

        public IReadOnlyList<SeriesRollup> GetSeriesRollups() => inner.GetSeriesRollups();

        public long InstanceCountSince(DateTime utc) => inner.InstanceCountSince(utc);

        public long StudyCountSince(DateTime utc) => inner.StudyCountSince(utc);

        public IndexBatchResult WriteBatch(IReadOnlyList<IndexEntry> entries, IndexWriteMode mode, DateTime indexedUtc)
        {
            if (!_failed)
            {
                _failed = true;
                throw new IOException("No space left on device");
            }

            return inner.WriteBatch(entries, mode, indexedUtc);
        }

        public void Dispose()
        {
        }
    }
}
