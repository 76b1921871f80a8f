using System.Diagnostics.Metrics;

namespace NodeAgent.Federation.Link;

/// <summary>The hub link's instruments, on the shared "NodeAgent" meter created through <see cref="IMeterFactory"/>.</summary>
public sealed class HubLinkTelemetry
{
    /// <summary>Creates <c>nodeagent.hub.link.state</c>: 0 disconnected, 1 connecting or backing off, 2 connected, 3 refused.</summary>
    public HubLinkTelemetry(IMeterFactory meterFactory, Func<HubLinkState> state)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(state);
        var meter = meterFactory.Create("NodeAgent");
        meter.CreateObservableGauge(
            "nodeagent.hub.link.state",
            () => GaugeValue(state()),
            description: "The hub link: 0 disconnected, 1 connecting or backing off, 2 connected, 3 refused");
    }

    /// <summary>The gauge value of a state.</summary>
    public static int GaugeValue(HubLinkState state) => state switch
    {
        HubLinkState.Disconnected => 0,
        HubLinkState.Connecting or HubLinkState.BackingOff => 1,
        HubLinkState.Connected => 2,
        HubLinkState.Refused => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
