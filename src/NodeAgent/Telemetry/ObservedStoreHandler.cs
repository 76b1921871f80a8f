using NodeAgent.Dicom.Network;

namespace NodeAgent.Telemetry;

/// <summary>Wraps the spool's store handler: a span per C-STORE, and the received bytes and instances counted.</summary>
internal sealed class ObservedStoreHandler(IStoreHandler inner, ListenerTelemetry telemetry) : IStoreHandler
{
    public async ValueTask<StoreStart> BeginAsync(StoreRequestContext context, CancellationToken cancellationToken)
    {
        var activity = telemetry.StartInstance(context);
        try
        {
            var start = await inner.BeginAsync(context, cancellationToken).ConfigureAwait(false);
            if (start.Sink is { } sink)
            {
                return StoreStart.Accept(new ObservedStoreSink(sink, telemetry, activity));
            }

            activity?.SetTag("dicom.status", start.Refusal is { } refusal ? $"{refusal.Status.Code:X4}" : null);
            activity?.Stop();
            return start;
        }
        catch
        {
            activity?.Stop();
            throw;
        }
    }
}
