using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Audit;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NodeAgent.Core.Secrets;

namespace NodeAgent.Queries;

/// <summary>
/// Registers the query engine for the running agent: the disclosure policy (NodeAgent:Disclosure), the rollup table
/// loaded at start and following <see cref="IndexWriter.Committed"/>, the privacy ledger (<c>&lt;data&gt;/privacy.db</c>),
/// the audit log (<c>&lt;data&gt;/audit/audit.jsonl</c>) and the <see cref="QueryService"/> the hub link calls.
/// It needs the pipeline's registrations of <see cref="IInstanceIndex"/>, <see cref="IndexWriter"/> and
/// <see cref="SiteSecret"/> (the cell key is <c>SiteSecret.DeriveKey("cell-key")</c>), and the listener's
/// <see cref="StorageOptions"/> (registered there once, so a bad value is reported once).
/// </summary>
internal static class QueryServiceCollectionExtensions
{
    public const string CellKeyPurpose = "cell-key";

    public static IServiceCollection AddNodeAgentQueries(this IServiceCollection services)
    {
        services.AddOptions<DisclosureOptions>().BindConfiguration(DisclosureOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DisclosureOptions>, DisclosureOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(provider => new DisclosurePolicy(provider.GetRequiredService<IOptions<DisclosureOptions>>().Value));
        services.AddSingleton(provider => new QueryTelemetry(provider.GetRequiredService<IMeterFactory>()));
        services.AddSingleton(provider => RollupFollower.Start(
            provider.GetRequiredService<IInstanceIndex>(),
            provider.GetRequiredService<IndexWriter>(),
            DisclosureKeys.PatientSet(CellKey(provider)),
            provider.GetRequiredService<ILogger<RollupFollower>>()));
        services.AddSingleton(provider => PrivacyLedger.OpenInDirectory(DataDirectory(provider)));
        services.AddSingleton(provider => AuditLog.OpenInDataDirectory(
            DataDirectory(provider),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<AuditLog>>()));
        services.AddSingleton(provider => new QueryService(
            provider.GetRequiredService<RollupFollower>().Table,
            provider.GetRequiredService<DisclosurePolicy>(),
            CellKey(provider),
            provider.GetRequiredService<PrivacyLedger>(),
            provider.GetRequiredService<AuditLog>(),
            provider.GetRequiredService<QueryTelemetry>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<QueryService>>()));
        services.AddHostedService<QueryEngineService>();
        return services;
    }

    private static byte[] CellKey(IServiceProvider provider) => provider.GetRequiredService<SiteSecret>().DeriveKey(CellKeyPurpose);

    private static string DataDirectory(IServiceProvider provider) =>
        Path.GetFullPath(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
}
