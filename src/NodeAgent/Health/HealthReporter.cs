namespace NodeAgent.Health;

/// <summary>Asks every contributor, in registration order; one that throws is reported unhealthy, not hidden.</summary>
internal sealed class HealthReporter(IEnumerable<IHealthContributor> contributors, TimeProvider time)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var components = new List<(string, ComponentHealth)>();
        var worst = HealthStatus.Healthy;
        foreach (var contributor in contributors)
        {
            ComponentHealth health;
            try
            {
                health = await contributor.CheckAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A contributor must not throw (IHealthContributor); if one does, the report says so rather than failing.
                health = new ComponentHealth(HealthStatus.Unhealthy, $"the check failed: {e.GetType().Name}: {e.Message}", []);
            }

            components.Add((contributor.Name, health));
            if (health.Status > worst)
            {
                worst = health.Status;
            }
        }

        return new HealthReport(worst == HealthStatus.NotConfigured ? HealthStatus.Healthy : worst, time.GetUtcNow(), components);
    }
}
