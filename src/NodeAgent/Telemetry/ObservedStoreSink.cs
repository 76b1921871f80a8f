using System.Diagnostics;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Telemetry;

/// <summary>One C-STORE data set passing into the spool, counted fragment by fragment.</summary>
internal sealed class ObservedStoreSink(IStoreSink inner, ListenerTelemetry telemetry, Activity? activity) : IStoreSink
{
    private long _bytes;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        _bytes += fragment.Length;
        telemetry.BytesReceived(fragment.Length);
        return inner.WriteAsync(fragment, cancellationToken);
    }

    public async ValueTask<StoreResult> CompleteAsync(CancellationToken cancellationToken)
    {
        // The spool (and the pipeline behind it) sees the instance's span as current, so its spans become children.
        if (activity is not null)
        {
            Activity.Current = activity;
        }

        var result = await inner.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status.IsSuccess)
        {
            telemetry.InstanceReceived();
        }

        activity?.SetTag("dicom.status", $"{result.Status.Code:X4}");
        if (!result.Status.IsSuccess)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.ErrorComment);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        if (activity is not null)
        {
            activity.SetTag("dicom.bytes", _bytes);
            activity.Stop();
        }
    }
}
