using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NodeAgent.Federation.Link;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Support;

/// <summary>One node's hub link, running on its own outbox in a temp directory, with its log kept.</summary>
public sealed class NodeRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceProvider _metrics;
    private readonly List<HubLinkState> _states = [];
    private readonly Lock _lock = new();

    public NodeRun(HubOptions options, IQueryResponder responder, string outboxPath)
    {
        Options = options;
        Outbox = new Outbox(outboxPath);
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _metrics.GetRequiredService<IMeterFactory>();
        Worker = new HubLinkWorker(options, responder, new FixedNodeStatus(), Outbox, MeterFactory, new TypedLogger<HubLinkWorker>(Log), TimeProvider.System);
        Worker.StateChanged += (_, state) =>
        {
            lock (_lock)
            {
                _states.Add(state);
            }
        };
        Running = Worker.RunAsync(_stop.Token);
    }

    public HubOptions Options { get; }

    public HubLinkWorker Worker { get; }

    public Outbox Outbox { get; }

    public IMeterFactory MeterFactory { get; }

    public ListLogger Log { get; } = new();

    public Task Running { get; }

    /// <summary>Every state the link went through, in order.</summary>
    public IReadOnlyList<HubLinkState> States
    {
        get
        {
            lock (_lock)
            {
                return [.. _states];
            }
        }
    }

    public Task WaitForStateAsync(HubLinkState state, TimeSpan timeout) =>
        Eventually.HoldsAsync(() => Worker.State == state || Running.IsCompleted, timeout, () => $"link state {state} (now {Worker.State}; log:\n{Log.Dump()})")
            .ContinueWith(t =>
            {
                t.GetAwaiter().GetResult();
                if (Running.IsCompleted && Worker.State != state)
                {
                    Assert.Fail($"the link stopped ({Running.Status}): {Running.Exception}\n{Log.Dump()}");
                }
            }, TaskScheduler.Default);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Running;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Running.IsCompleted)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await Running;
        }
        catch (OperationCanceledException)
        {
        }

        Outbox.Dispose();
        await _metrics.DisposeAsync();
        _stop.Dispose();
    }
}
