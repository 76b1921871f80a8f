using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NodeAgent.Core.Tests.Index;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Query;

[TestFixture]
public sealed class RollupFollowerTests
{
    private static readonly byte[] Key = new byte[32];
    private static readonly FederatedQuery Totals = new(null, ["modality"], [QueryMeasure.Patients, QueryMeasure.Series, QueryMeasure.Instances]);

    [Test]
    public async Task Start_WhileTheWriterCommits_TableEndsEqualToTheIndex()
    {
        using var data = new TempDirectory("follower");
        using var index = LiteDbInstanceIndex.OpenInDirectory(data.Path);
        var writer = new IndexWriter(index, new IndexWriterOptions(), TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);
        var mr = IndexEntries.Ct with { Modality = "MR" };
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => writer.AddAsync(IndexEntries.Create(i, series: i % 40, patient: i % 13))));

        // Commits keep landing while the follower loads: 20 rounds of 20 concurrent adds, each round a few batches.
        var adding = Task.Run(async () =>
        {
            for (var round = 0; round < 20; round++)
            {
                await Task.WhenAll(Enumerable.Range(200 + round * 20, 20).Select(i =>
                    writer.AddAsync(IndexEntries.Create(i, series: i % 70, patient: i % 17, dimensions: i % 3 == 0 ? mr : null))));
            }
        });
        using var follower = RollupFollower.Start(index, writer, Key);
        await adding;
        writer.Complete();
        await running;

        var policy = new DisclosurePolicy(new DisclosureOptions());
        using var fresh = RollupTable.Load(index, Key);
        var followed = follower.Table.Aggregate(Totals, policy.Bins).Cells;
        var reloaded = fresh.Aggregate(Totals, policy.Bins).Cells;
        Assert.That(followed.Select(c => (string.Join("|", c.Groups), c.Patients, c.Series, c.Instances)),
            Is.EqualTo(reloaded.Select(c => (string.Join("|", c.Groups), c.Patients, c.Series, c.Instances))));
        Assert.That(follower.Table.Count, Is.EqualTo(index.Counts.Series));
    }
}
