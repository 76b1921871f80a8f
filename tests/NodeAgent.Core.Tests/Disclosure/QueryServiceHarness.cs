using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Core.Audit;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NodeAgent.Core.Tests.Query;
using NodeAgent.Testing;

namespace NodeAgent.Core.Tests.Disclosure;

/// <summary>A real <see cref="QueryService"/> over real files in a temp data directory, with a manual clock.</summary>
internal sealed class QueryServiceHarness : IDisposable
{
    public static readonly byte[] CellKey = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    private readonly TestMeterFactory _meters = new();
    private readonly QueryTelemetry _telemetry;
    private int _queries;

    public QueryServiceHarness(IEnumerable<SeriesRollup> rollups, DisclosureOptions? options = null, TempDirectory? data = null)
    {
        Data = data ?? new TempDirectory("query");
        OwnsData = data is null;
        Policy = new DisclosurePolicy(options ?? new DisclosureOptions());
        Table = new RollupTable(rollups, DisclosureKeys.PatientSet(CellKey));
        Ledger = PrivacyLedger.OpenInDirectory(Data.Path);
        Audit = AuditLog.OpenInDataDirectory(Data.Path, Time);
        _telemetry = new QueryTelemetry(_meters);
        Service = new QueryService(Table, Policy, CellKey, Ledger, Audit, _telemetry, Time, NullLogger<QueryService>.Instance);
    }

    public TempDirectory Data { get; }

    public ManualTimeProvider Time { get; } = new();

    public DisclosurePolicy Policy { get; }

    public RollupTable Table { get; }

    public PrivacyLedger Ledger { get; }

    public AuditLog Audit { get; }

    public QueryService Service { get; }

    public TestMeterFactory Meters => _meters;

    private bool OwnsData { get; }

    public Task<QueryOutcome> AskAsync(string json, string requester = "hub-a") => AskAsync(QueryJson.Parse(json), requester);

    public Task<QueryOutcome> AskAsync(FederatedQuery query, string requester = "hub-a") => Service.AnswerAsync(
        new QueryContext($"q{Interlocked.Increment(ref _queries)}", requester, Time.GetUtcNow().AddMinutes(1)),
        query,
        CancellationToken.None);

    public void Dispose()
    {
        Service.Dispose();
        Audit.Dispose();
        Ledger.Dispose();
        Table.Dispose();
        _telemetry.Dispose();
        _meters.Dispose();
        if (OwnsData)
        {
            Data.Dispose();
        }
    }

    /// <summary>One series per patient: <paramref name="patients"/> patients of the modality and age.</summary>
    public static IEnumerable<SeriesRollup> Patients(string modality, int patients, int age = 50, string prefix = "")
    {
        for (var i = 0; i < patients; i++)
        {
            var dimensions = new InstanceDimensions { Modality = modality, AgeYears = age, Sex = i % 2 == 0 ? "F" : "M" };
            yield return RollupGenerator.Series($"{prefix}{modality}-{age}-s{i}", $"{prefix}{modality}-{age}-st{i}", $"{prefix}{modality}-{age}-p{i}", dimensions, 7);
        }
    }
}
