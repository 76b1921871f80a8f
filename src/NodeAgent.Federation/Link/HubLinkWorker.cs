using System.Diagnostics.Metrics;
using System.Security.Authentication;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using NodeAgent.Federation.Contract;
using Polly;
using Polly.Retry;

namespace NodeAgent.Federation.Link;

/// <summary>
/// The node's outbound link to the hub (DESIGN decision 6): dials out, says Hello, keeps the stream open with
/// heartbeats, answers queries through <see cref="IQueryResponder"/>, and reconnects forever with jittered, capped
/// exponential backoff. Driven directly by tests; the executable hosts it in a thin BackgroundService.
/// </summary>
public sealed class HubLinkWorker
{
    /// <summary>A session that lasted less than this and ended is treated as a failed attempt, so a hub that admits and drops at once cannot make the node spin.</summary>
    private static readonly TimeSpan StableSession = TimeSpan.FromSeconds(5);

    /// <summary>Acknowledged results are kept this long (to answer a re-delivered request again), then pruned.</summary>
    private static readonly TimeSpan KeepAcknowledged = TimeSpan.FromDays(30);

    private readonly HubOptions _options;
    private readonly IQueryResponder _responder;
    private readonly INodeStatus _status;
    private readonly ILogger<HubLinkWorker> _logger;
    private readonly TimeProvider _time;
    private readonly QueryDispatcher _queries;
    private readonly Outbox _outbox;
    private readonly HubTrust _trust;
    private readonly TimeSpan _initialBackoff;
    private readonly Lock _stateLock = new();
    private HubLinkState _state = HubLinkState.Disconnected;
    private volatile HubSession? _session;

    /// <summary>Creates the worker; nothing is dialled until <see cref="RunAsync"/>.</summary>
    public HubLinkWorker(HubOptions options, IQueryResponder responder, INodeStatus status, Outbox outbox, IMeterFactory meterFactory, ILogger<HubLinkWorker> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _responder = responder;
        _status = status;
        _logger = logger;
        _time = time;
        _outbox = outbox;
        _queries = new QueryDispatcher(responder, outbox, logger, time);
        _trust = new HubTrust(options.TrustedCa, options.PinnedThumbprint);
        _initialBackoff = TimeSpan.FromSeconds(Math.Min(1, options.MaxBackoffSeconds));
        _ = new HubLinkTelemetry(meterFactory, () => State);
    }

    /// <summary>Raised (on the link's own thread) each time the state changes.</summary>
    public event EventHandler<HubLinkState>? StateChanged;

    /// <summary>The link's state now.</summary>
    public HubLinkState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>Keeps the link up until <paramref name="stoppingToken"/> is cancelled; throws only for a failure it does not know.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var pruned = _outbox.PruneAcknowledged(_time.GetUtcNow() - KeepAcknowledged);
        if (pruned > 0)
        {
            FederationLog.OutboxPruned(_logger, pruned);
        }

        using var channel = HubChannel.Create(_options, _trust);
        var client = new Contract.Federation.FederationClient(channel);
        var pipeline = BuildPipeline();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Each Execute starts a fresh backoff; it returns once a session that had been admitted ends.
                await pipeline.ExecuteAsync(token => new ValueTask(SessionAsync(client, token)), stoppingToken);
                SetState(HubLinkState.Disconnected);
                await Task.Delay(_initialBackoff, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            SetState(HubLinkState.Disconnected);
            await DrainQueriesAsync();
            FederationLog.LinkStopped(_logger);
        }
    }

    private ResiliencePipeline BuildPipeline() => new ResiliencePipelineBuilder { TimeProvider = _time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<RpcException>(LinkFailure.IsHandled)
                .Handle<HttpRequestException>()
                .Handle<IOException>()
                .Handle<AuthenticationException>()
                .Handle<HubStreamEndedException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _initialBackoff,
            MaxDelay = TimeSpan.FromSeconds(_options.MaxBackoffSeconds),
            MaxRetryAttempts = int.MaxValue,
            OnRetry = args =>
            {
                var failure = args.Outcome.Exception!;
                var delay = (long)args.RetryDelay.TotalMilliseconds;
                if (LinkFailure.IsRefusal(failure))
                {
                    FederationLog.AttemptRefused(_logger, _options.Address!, _trust.LastRejection ?? LinkFailure.Describe(failure), delay);
                    SetState(HubLinkState.Refused);
                }
                else
                {
                    FederationLog.AttemptFailed(_logger, args.AttemptNumber + 1, _options.Address!, LinkFailure.Describe(failure), delay);
                    SetState(HubLinkState.BackingOff);
                }

                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private async Task SessionAsync(Contract.Federation.FederationClient client, CancellationToken token)
    {
        if (State is not HubLinkState.Refused)
        {
            SetState(HubLinkState.Connecting);
        }

        using var session = new HubSession(client.Connect(cancellationToken: token));
        try
        {
            // The hub sends its headers once it has admitted the certificate; a refusal or a TLS failure throws here.
            await session.ResponseHeadersAsync().WaitAsync(token);
            await session.SendAsync(new NodeMessage { Hello = Hello() }, token);
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            // The client library reports a call it aborted itself (the connection failed under it) as a cancellation.
            throw new HubStreamEndedException("the call was aborted before the hub admitted it", e);
        }

        var admitted = _time.GetUtcNow();
        _session = session;
        SetState(HubLinkState.Connected);
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var heartbeats = HeartbeatsAsync(session, heartbeatStop.Token);
        try
        {
            await _queries.ResendPendingAsync(SendOnCurrentSessionAsync);
            await foreach (var message in session.Responses.ReadAllAsync(token))
            {
                await OnMessageAsync(session, message, token);
            }

            throw new HubStreamEndedException();
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            var connected = _time.GetUtcNow() - admitted;
            FederationLog.LinkLost(_logger, _options.Address!, connected.TotalSeconds, "the call was aborted");
            if (connected < StableSession)
            {
                throw new HubStreamEndedException("the call was aborted", e);
            }
        }
        catch (Exception e) when (LinkFailure.IsHandled(e) && !token.IsCancellationRequested)
        {
            var connected = _time.GetUtcNow() - admitted;
            FederationLog.LinkLost(_logger, _options.Address!, connected.TotalSeconds, LinkFailure.Describe(e));
            if (connected < StableSession)
            {
                throw;
            }
        }
        finally
        {
            _session = null;
            await heartbeatStop.CancelAsync();
            await heartbeats;
        }
    }

    private async Task OnMessageAsync(HubSession session, HubMessage message, CancellationToken token)
    {
        switch (message.KindCase)
        {
            case HubMessage.KindOneofCase.QueryRequest:
                await session.TrySendAsync(new NodeMessage { Ack = new Ack { QueryId = message.QueryRequest.QueryId } }, token);
                _ = _queries.HandleAsync(message.QueryRequest, SendOnCurrentSessionAsync, token);
                break;
            case HubMessage.KindOneofCase.Ack:
                _queries.Acknowledged(message.Ack.QueryId);
                break;
            case HubMessage.KindOneofCase.Ping:
                await session.TrySendAsync(new NodeMessage { Heartbeat = Heartbeat(message.Ping.PingId) }, token);
                break;
            default:
                // A newer hub's message this node does not know: ignored, as proto3 evolution expects.
                break;
        }
    }

    /// <summary>Results are offered to whichever session is open when they are ready; without one they wait in the outbox.</summary>
    private async Task SendOnCurrentSessionAsync(NodeMessage message)
    {
        if (_session is { } session)
        {
            await session.TrySendAsync(message, CancellationToken.None);
        }
    }

    private async Task HeartbeatsAsync(HubSession session, CancellationToken token)
    {
        try
        {
            while (true)
            {
                var jitter = 0.9 + (0.2 * Random.Shared.NextDouble());
                await Task.Delay(TimeSpan.FromSeconds(_options.HeartbeatSeconds * jitter), _time, token);
                var heartbeat = Heartbeat(pingId: "");
                if (!await session.TrySendAsync(new NodeMessage { Heartbeat = heartbeat }, token))
                {
                    return;
                }

                FederationLog.HeartbeatSent(_logger, heartbeat.Health.SpoolDepth, heartbeat.Health.Index.Instances);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The session ended.
        }
    }

    private async Task DrainQueriesAsync()
    {
        try
        {
            await _queries.DrainAsync();
        }
        catch (OperationCanceledException)
        {
            // Queries cut short by stopping have no result; the hub re-delivers them after the restart.
        }
    }

    private Hello Hello()
    {
        var hello = new Hello
        {
            NodeId = _options.NodeId ?? "",
            SoftwareVersion = typeof(HubLinkWorker).Assembly.GetName().Version?.ToString() ?? "",
            PolicyHash = _responder.PolicyHash,
            Index = Summary(_status.Current()),
        };
        hello.Capabilities.AddRange(_responder.Capabilities);
        return hello;
    }

    private Heartbeat Heartbeat(string pingId)
    {
        var status = _status.Current();
        return new Heartbeat
        {
            Sent = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
            PingId = pingId,
            Health = new NodeHealth
            {
                SpoolDepth = status.SpoolDepth,
                FreeDiskBytes = status.FreeDiskBytes,
                LastInstanceTime = status.LastInstanceUtc is { } last ? Timestamp.FromDateTimeOffset(last) : null,
                Index = Summary(status),
            },
        };
    }

    private static IndexSummary Summary(NodeStatusSnapshot status) => new()
    {
        Patients = status.Patients,
        Studies = status.Studies,
        Series = status.Series,
        Instances = status.Instances,
    };

    private void SetState(HubLinkState state)
    {
        lock (_stateLock)
        {
            if (_state == state)
            {
                return;
            }

            _state = state;
        }

        FederationLog.LinkState(_logger, state, _options.Address ?? "");
        StateChanged?.Invoke(this, state);
    }
}
