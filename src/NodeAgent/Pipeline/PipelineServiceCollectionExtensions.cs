using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Deidentification;
using NodeAgent.Core.Index;
using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Secrets;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;

namespace NodeAgent.Pipeline;

/// <summary>
/// Registers the ingest pipeline: its options, the index and its writer, the site secret, the store, the quarantine
/// and the two hosted services. Call before <c>AddNodeAgentListener</c>: hosted services start in registration
/// order (the pipeline resumes the spool before the listener binds) and stop in reverse (the listener drains first,
/// then the pipeline finishes its instances, then the index writer commits the last batch).
/// </summary>
internal static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddNodeAgentPipeline(this IServiceCollection services)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateOnStart();
        services.AddOptions<DeidentificationProfileOptions>().BindConfiguration(DeidentificationProfileOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.AddSingleton<IValidateOptions<DeidentificationProfileOptions>, DeidentificationProfileOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider => LiteDbInstanceIndex.OpenInDirectory(DataDirectory(provider)));
        services.AddSingleton<IInstanceIndex>(provider => provider.GetRequiredService<LiteDbInstanceIndex>());
        services.AddSingleton(provider => SiteSecret.LoadOrCreate(
            DataDirectory(provider),
            !provider.GetRequiredService<IInstanceIndex>().IsEmpty,
            provider.GetRequiredService<ILogger<SiteSecret>>()));
        services.AddSingleton(provider => new Pseudonyms(
            provider.GetRequiredService<SiteSecret>().Bytes,
            provider.GetRequiredService<IOptions<DeidentificationProfileOptions>>().Value.SitePrefix));
        services.AddSingleton(provider => new Deidentifier(
            provider.GetRequiredService<IOptions<DeidentificationProfileOptions>>().Value.ToEngineOptions(),
            provider.GetRequiredService<Pseudonyms>()));
        services.AddSingleton(provider => new InstanceStore(DataDirectory(provider)));
        services.AddSingleton(provider => new QuarantineDirectory(DataDirectory(provider)));
        services.AddSingleton(provider => new DimensionExtractor(BodyPartMapping.Load(BodyPartTable(provider))));
        services.AddSingleton(provider => new IndexWriter(
            provider.GetRequiredService<IInstanceIndex>(),
            IndexWriterOptionsOf(provider.GetRequiredService<IOptions<PipelineOptions>>().Value),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PipelineTelemetry>();
        services.AddSingleton(provider => new IngestPipeline(
            provider.GetRequiredService<SpoolDirectory>(),
            provider.GetRequiredService<InstanceStore>(),
            provider.GetRequiredService<QuarantineDirectory>(),
            provider.GetRequiredService<Deidentifier>(),
            provider.GetRequiredService<DimensionExtractor>(),
            provider.GetRequiredService<IInstanceIndex>(),
            provider.GetRequiredService<IndexWriter>(),
            provider.GetRequiredService<SiteSecret>().DeriveKey("instance-key"),
            provider.GetRequiredService<IOptions<PipelineOptions>>().Value,
            provider.GetRequiredService<PipelineTelemetry>(),
            provider.GetRequiredService<ILogger<IngestPipeline>>(),
            provider.GetRequiredService<TimeProvider>()));

        services.AddHostedService<IndexWriterService>();
        services.AddHostedService<IngestPipelineService>();
        return services;
    }

    private static string DataDirectory(IServiceProvider provider) =>
        Path.GetFullPath(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);

    private static string BodyPartTable(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<PipelineOptions>>().Value.BodyPartMappingFile;
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, BodyPartMapping.DefaultFileName)
            : Path.GetFullPath(configured);
    }

    private static IndexWriterOptions IndexWriterOptionsOf(PipelineOptions options) => new()
    {
        Mode = WriteMode(options.DuplicatePolicy),
        MaxBatchDelay = TimeSpan.FromMilliseconds(options.IndexBatchMilliseconds),
    };

    private static IndexWriteMode WriteMode(DuplicatePolicy policy) =>
        policy == DuplicatePolicy.KeepFirst ? IndexWriteMode.KeepFirst : IndexWriteMode.Replace;
}
