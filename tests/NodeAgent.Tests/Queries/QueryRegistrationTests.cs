using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodeAgent.Configuration;
using NodeAgent.Core.Audit;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NodeAgent.Core.Secrets;
using NodeAgent.Queries;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Tests.Queries;

[TestFixture]
public sealed class QueryRegistrationTests
{
    [Test]
    public async Task AddNodeAgentQueries_Started_AnswersFromRollupsThatFollowTheWriterAndAudits()
    {
        using var directory = new TempDirectory("query-registration");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NodeAgent:Storage:DataDirectory"] = directory.Path,
            ["NodeAgent:Disclosure:MinimumCellSize"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        // What the listener's and the pipeline's registrations provide.
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton(provider => SiteSecret.LoadOrCreate(directory.Path, indexHoldsData: false, provider.GetRequiredService<ILogger<QueryRegistrationTests>>()));
        services.AddSingleton<IInstanceIndex>(_ => LiteDbInstanceIndex.OpenInDirectory(directory.Path));
        services.AddSingleton(provider => new IndexWriter(provider.GetRequiredService<IInstanceIndex>(), new IndexWriterOptions(), TimeProvider.System));
        services.AddNodeAgentQueries();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var writer = provider.GetRequiredService<IndexWriter>();
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => writer.AddAsync(new IndexEntry(
            $"k{i}", $"patient-{i}", $"2.25.1{i}", $"2.25.2{i}", $"2.25.3{i}", $"/store/{i}.dcm", new string('0', 64), 100,
            new InstanceDimensions { Modality = "CT" }))));
        writer.Complete();
        await running;

        var service = provider.GetRequiredService<QueryService>();
        var outcome = await service.AnswerAsync(
            new QueryContext("q1", "hub-a", DateTimeOffset.UtcNow.AddMinutes(1)),
            QueryJson.Parse("""{"groupBy":["modality"],"measures":["series"]}"""),
            CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(QueryOutcomeKind.Answered), outcome.RefusalReason);
        Assert.That(outcome.Table!.Rows.Single().Groups, Is.EqualTo(new[] { "CT" }));
        Assert.That(outcome.Table.Rows.Single().Cells[0].Value, Is.InRange(25, 35));
        var policy = provider.GetRequiredService<DisclosurePolicy>();
        Assert.That(policy.MinimumCellSize, Is.EqualTo(5), "NodeAgent:Disclosure is bound");
        Assert.That(outcome.PolicyHash, Is.EqualTo(policy.PolicyHash));
        var audit = AuditLog.Verify(Path.Combine(directory.Path, AuditLog.DirectoryName, AuditLog.FileName));
        Assert.That(audit.IsClean, Is.True, audit.Problem);
        Assert.That(audit.Records, Is.EqualTo(1));
    }
}
