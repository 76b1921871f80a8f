using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using NodeAgent.Configuration;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Telemetry;

/// <summary>
/// The DICOM listener's instruments and spans. NodeAgent.Dicom knows nothing of OpenTelemetry: it reports to this class
/// through <see cref="IAssociationObserver"/>, and the store handler is wrapped by <see cref="ObservedStoreHandler"/>.
/// Spans carry AE titles, addresses, counts and statuses, never a UID.
/// </summary>
internal sealed class ListenerTelemetry : IAssociationObserver, IDisposable
{
    private const string AssociationSpan = "dicom.association";

    private readonly ActivitySource _source = new(TelemetryNames.ActivitySource);
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _associations;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _received;

    public ListenerTelemetry(IMeterFactory meters, DiskSpace disk, IOptions<StorageOptions> storage)
    {
        var meter = meters.Create(TelemetryNames.Meter);
        var dataDirectory = Path.GetFullPath(storage.Value.DataDirectory);
        _active = meter.CreateUpDownCounter<long>("nodeagent.associations.active", "{association}", "DICOM connections being served now");
        _associations = meter.CreateCounter<long>("nodeagent.associations", "{association}", "DICOM associations ended, by outcome");
        _rejected = meter.CreateCounter<long>("nodeagent.associations.rejected", "{association}", "DICOM associations refused, by reason");
        _bytes = meter.CreateCounter<long>("nodeagent.dicom.received.bytes", "By", "C-STORE data set bytes taken into the spool");
        _received = meter.CreateCounter<long>(TelemetryNames.InstancesReceived, "{instance}", "Instances acknowledged with success (durable in the spool)");
        meter.CreateObservableGauge("nodeagent.disk.free", () => FreeBytes(disk, dataDirectory), "By", "Free space where the data directory lives");
    }

    public void OnConnected()
    {
        _active.Add(1);
        // Started on the association's own flow (IAssociationObserver), so it is the parent of the instance spans.
        _source.StartActivity(AssociationSpan, ActivityKind.Server);
    }

    public void OnEnded(AssociationSummary summary)
    {
        _active.Add(-1);
        var outcome = OutcomeTag(summary.Kind);
        _associations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (summary.Kind == AssociationOutcome.Rejected)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>("reason", summary.RejectReason ?? "other"));
        }

        var activity = Activity.Current;
        while (activity is not null && !(activity.Source == _source && activity.OperationName == AssociationSpan))
        {
            activity = activity.Parent;
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("dicom.calling_ae", summary.CallingAE);
        activity.SetTag("dicom.called_ae", summary.CalledAE);
        activity.SetTag("network.peer.address", summary.Peer.ToString());
        activity.SetTag("dicom.instances", summary.Instances);
        activity.SetTag("dicom.failures", summary.Failures);
        activity.SetTag("dicom.bytes", summary.Bytes);
        activity.SetTag("outcome", outcome);
        if (summary.Kind is AssociationOutcome.Aborted or AssociationOutcome.ConnectionLost || summary.Failures > 0)
        {
            activity.SetStatus(ActivityStatusCode.Error, summary.Outcome);
        }

        activity.Stop();
    }

    /// <summary>A span for one C-STORE, child of the association's.</summary>
    public Activity? StartInstance(StoreRequestContext context)
    {
        var activity = _source.StartActivity("dicom.instance", ActivityKind.Server);
        activity?.SetTag("dicom.calling_ae", context.CallingAE);
        activity?.SetTag("dicom.transfer_syntax", context.TransferSyntax.Uid);
        return activity;
    }

    public void BytesReceived(int count) => _bytes.Add(count);

    public void InstanceReceived() => _received.Add(1);

    public void Dispose() => _source.Dispose();

    private static string OutcomeTag(AssociationOutcome kind) => kind switch
    {
        AssociationOutcome.Released => "released",
        AssociationOutcome.Rejected => "rejected",
        AssociationOutcome.Aborted => "aborted",
        AssociationOutcome.AbortedByPeer => "aborted-by-peer",
        _ => "connection-lost",
    };

    private static long FreeBytes(DiskSpace disk, string directory)
    {
        try
        {
            return disk.Check(directory).FreeBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The data directory's drive vanished: report nothing rather than fail the whole scrape.
            return 0;
        }
    }
}
