namespace NodeAgent.Health;

/// <summary>
/// One component of /healthz and `nodeagent status`. Each area registers its own as a singleton
/// <c>services.AddSingleton&lt;IHealthContributor, MyHealth&gt;()</c>; they are reported in registration order.
/// A check must be quick (it runs on every scrape) and must not throw: a failure is an Unhealthy result.
/// </summary>
internal interface IHealthContributor
{
    /// <summary>The component's name in the JSON (lower case, e.g. "spool").</summary>
    string Name { get; }

    ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken);
}
