using System.Text.Json.Nodes;
using NodeAgent.Listener;

namespace NodeAgent.Health;

/// <summary>The DICOM listener: healthy once its ports are bound, with the associations it serves now.</summary>
internal sealed class ListenerHealthContributor(DicomListenerService listener) : IHealthContributor
{
    public string Name => "listener";

    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var server = listener.Server;
        if (server?.EndPoint is not { } plain)
        {
            return ValueTask.FromResult(new ComponentHealth(HealthStatus.Unhealthy, "not listening", new JsonObject { ["bound"] = false }));
        }

        if (listener.IsStopping)
        {
            return ValueTask.FromResult(new ComponentHealth(HealthStatus.Unhealthy,
                $"stopping: no new associations, {server.ActiveAssociations} draining", new JsonObject { ["bound"] = false, ["activeAssociations"] = server.ActiveAssociations }));
        }

        var endpoints = new JsonArray(plain.ToString());
        var ports = new JsonArray(plain.Port);
        if (server.TlsEndPoint is { } tls)
        {
            endpoints.Add(tls.ToString());
            ports.Add(tls.Port);
        }

        var details = new JsonObject
        {
            ["bound"] = true,
            ["aeTitle"] = listener.AeTitle,
            ["endpoints"] = endpoints,
            ["ports"] = ports,
            ["activeAssociations"] = server.ActiveAssociations,
        };
        var tlsText = server.TlsEndPoint is { } t ? $" and {t} (TLS)" : "";
        return ValueTask.FromResult(new ComponentHealth(HealthStatus.Healthy,
            $"{listener.AeTitle} on {plain}{tlsText}, {server.ActiveAssociations} association(s) active", details));
    }
}
