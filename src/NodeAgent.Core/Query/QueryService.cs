using System.Globalization;
using Microsoft.Extensions.Logging;
using NodeAgent.Core.Audit;
using NodeAgent.Core.Disclosure;

namespace NodeAgent.Core.Query;

/// <summary>
/// Answers federated queries: deadline, validation, the engine over the <see cref="RollupTable"/>, disclosure control,
/// the ε ledger, the differencing guard, and the audit record, written and fsync'd before the outcome is returned.
/// Refusals are audited too. The engine runs concurrently; the privacy checks and the audit append are serialised,
/// so two queries of one requester cannot both pass a check that only one of them should.
/// </summary>
public sealed class QueryService : IDisposable
{
    private readonly RollupTable _table;
    private readonly DisclosurePolicy _policy;
    private readonly DisclosureControl _disclosure;
    private readonly PrivacyLedger _ledger;
    private readonly AuditLog _audit;
    private readonly QueryTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the service.</summary>
    /// <param name="table">The in-memory rollups.</param>
    /// <param name="policy">The disclosure policy.</param>
    /// <param name="cellKey">The cell-key noise key (the host passes <c>SiteSecret.DeriveKey("cell-key")</c>).</param>
    /// <param name="ledger">The ε ledger and differencing history.</param>
    /// <param name="audit">The audit log.</param>
    /// <param name="telemetry">The query instruments.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public QueryService(
        RollupTable table,
        DisclosurePolicy policy,
        byte[] cellKey,
        PrivacyLedger ledger,
        AuditLog audit,
        QueryTelemetry telemetry,
        TimeProvider time,
        ILogger<QueryService> logger)
    {
        ArgumentNullException.ThrowIfNull(cellKey);
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _disclosure = new DisclosureControl(policy, cellKey);
        if (policy.DifferentialPrivacy)
        {
            var now = time.GetUtcNow();
            foreach (var requester in ledger.Requesters(now, policy.Window))
            {
                telemetry.EpsilonRemaining(requester, policy.EpsilonBudget - ledger.Spent(requester, now, policy.Window));
            }
        }
    }

    /// <summary>The hash of the disclosure policy in force.</summary>
    public string PolicyHash => _policy.PolicyHash;

    /// <summary>
    /// What a query would release, computed exactly as for the hub (same noise), for <c>nodeagent query --local</c>
    /// run by the site's own operator: nothing is written (no ε spent, no differencing history, no audit record).
    /// With a ledger and a requester it also says whether the ε ledger or the differencing guard would refuse it.
    /// </summary>
    /// <exception cref="QueryValidationException">The query is invalid.</exception>
    public static QueryPreview Preview(
        RollupTable table, DisclosurePolicy policy, byte[] cellKey, FederatedQuery query, PrivacyLedger? ledger, string? requester, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        QueryValidator.Validate(query);
        var result = table.Aggregate(query, policy.Bins);
        var released = new DisclosureControl(policy, cellKey).Release(query, result).Table;
        if (ledger is null || requester is null)
        {
            return new QueryPreview(released, null, null, null);
        }

        var refusal = PrivacyCheck(policy, ledger, requester, result.PatientHashes, now);
        double? remaining = policy.DifferentialPrivacy ? Math.Max(0, policy.EpsilonBudget - ledger.Spent(requester, now, policy.Window)) : null;
        return new QueryPreview(released, refusal?.Code, refusal?.Reason, remaining);
    }

    /// <summary>Answers or refuses the query; the outcome is in the audit log when this returns.</summary>
    public async Task<QueryOutcome> AnswerAsync(QueryContext context, FederatedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        using var activity = _telemetry.Source.StartActivity("query");
        activity?.SetTag("query.id", context.QueryId);
        activity?.SetTag("query.requester", context.RequesterId);
        if (_time.GetUtcNow() > context.Deadline)
        {
            return await RefuseAsync(context, null, "expired", "The query's deadline passed before the node could run it.", cancellationToken).ConfigureAwait(false);
        }

        string canonical;
        try
        {
            QueryValidator.Validate(query);
            canonical = CanonicalQuery.Of(query);
        }
        catch (QueryValidationException e)
        {
            return await RefuseAsync(context, null, "invalid-query", e.Message, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await AnswerValidAsync(context, query, canonical, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not AuditLogException)
        {
            CoreLog.QueryFailed(_logger, e, context.QueryId, context.RequesterId);
            return await RefuseAsync(context, canonical, "internal", "The node failed to compute the answer; its operator can see why in its log.", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private async Task<QueryOutcome> AnswerValidAsync(QueryContext context, FederatedQuery query, string canonical, CancellationToken cancellationToken)
    {
        AggregateResult result;
        using (_telemetry.Source.StartActivity("engine"))
        {
            result = _table.Aggregate(query, _policy.Bins);
        }

        ReleasedTable table;
        int suppressed;
        using (_telemetry.Source.StartActivity("disclosure"))
        {
            (table, suppressed) = _disclosure.Release(query, result);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var requester = context.RequesterId;
            var epsilon = _policy.EpsilonPerQuery;
            if (PrivacyCheck(_policy, _ledger, requester, result.PatientHashes, now) is { } refusal)
            {
                return await RefuseLockedAsync(context, canonical, refusal.Code, refusal.Reason, cancellationToken).ConfigureAwait(false);
            }

            if (_policy.DifferentialPrivacy)
            {
                _ledger.Charge(requester, context.QueryId, epsilon, now);
                _telemetry.EpsilonRemaining(requester, _policy.EpsilonBudget - _ledger.Spent(requester, now, _policy.Window));
            }

            _ledger.RecordAnswered(requester, context.QueryId, result.PatientHashes, now, _policy.Window, _policy.DifferencingHistory);
            var entry = new AuditEntry(context.QueryId, requester, canonical, _policy.PolicyHash, QueryOutcomeKind.Answered, null, null, table, epsilon);
            if (!await TryAuditAsync(entry).ConfigureAwait(false))
            {
                _telemetry.Query(QueryOutcomeKind.Refused, "internal");
                return new QueryOutcome(context.QueryId, QueryOutcomeKind.Refused, "internal", "The node could not write its audit log, so it withholds the answer.", null, _policy.PolicyHash, 0);
            }

            _telemetry.Query(QueryOutcomeKind.Answered, null);
            _telemetry.Suppressed(suppressed);
            CoreLog.QueryAnswered(_logger, context.QueryId, requester, table.Rows.Count, suppressed, epsilon);
            return new QueryOutcome(context.QueryId, QueryOutcomeKind.Answered, null, null, table, _policy.PolicyHash, epsilon);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The ε ledger, then the differencing guard; null when both let the answer go.
    private static (string Code, string Reason)? PrivacyCheck(DisclosurePolicy policy, PrivacyLedger ledger, string requester, ulong[] patients, DateTimeOffset now)
    {
        var epsilon = policy.EpsilonPerQuery;
        if (policy.DifferentialPrivacy)
        {
            var spent = ledger.Spent(requester, now, policy.Window);
            if (spent + epsilon > policy.EpsilonBudget + 1e-9)
            {
                var frees = ledger.FreesUpAt(requester, epsilon, policy.EpsilonBudget, now, policy.Window) ?? now;
                return ("epsilon-exhausted", string.Format(
                    CultureInfo.InvariantCulture,
                    "The requester's privacy budget is exhausted: ε {0:0.###} of {1:0.###} is left in the rolling {2}-day window and this query needs {3:0.###}; enough frees up at {4:yyyy-MM-dd'T'HH:mm:ss'Z'}.",
                    Math.Max(0, policy.EpsilonBudget - spent),
                    policy.EpsilonBudget,
                    policy.Window.TotalDays,
                    epsilon,
                    frees.UtcDateTime));
            }
        }

        var earlier = ledger.FindDifferencing(requester, patients, policy.MinimumCellSize, now, policy.Window);
        return earlier is null
            ? null
            : ("differencing", $"The query's patient set differs from that of query {earlier}, answered earlier for the same requester, by fewer than {policy.MinimumCellSize} patients; comparing the two answers could single patients out.");
    }

    /// <summary>
    /// Refuses a query the caller decided not to run (the hub link: a request without a deadline, a deadline passed, a
    /// fault), with the same audit record, metric and log line as a refusal of the engine's own.
    /// </summary>
    public Task<QueryOutcome> RefuseAsync(QueryContext context, string code, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return RefuseAsync(context, null, code, reason, cancellationToken);
    }

    private async Task<QueryOutcome> RefuseAsync(QueryContext context, string? canonical, string code, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefuseLockedAsync(context, canonical, code, reason, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<QueryOutcome> RefuseLockedAsync(QueryContext context, string? canonical, string code, string reason, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A refusal releases nothing, so it goes back even when its audit record could not be written (that is logged).
        await TryAuditAsync(new AuditEntry(context.QueryId, context.RequesterId, canonical, _policy.PolicyHash, QueryOutcomeKind.Refused, code, reason, null, 0)).ConfigureAwait(false);
        _telemetry.Query(QueryOutcomeKind.Refused, code);
        CoreLog.QueryRefused(_logger, context.QueryId, context.RequesterId, code, reason);
        return new QueryOutcome(context.QueryId, QueryOutcomeKind.Refused, code, reason, null, _policy.PolicyHash, 0);
    }

    private async Task<bool> TryAuditAsync(AuditEntry entry)
    {
        using var span = _telemetry.Source.StartActivity("audit");
        try
        {
            // Not cancellable: once the decision is made, its record is written whole.
            await _audit.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            CoreLog.AuditWriteFailed(_logger, e, entry.QueryId);
            return false;
        }
    }
}
