using Microsoft.Extensions.Logging;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Dimse;

namespace NodeAgent.Core.Spool;

/// <summary>
/// The C-STORE SCP's handler: each data set streams into its own spool file, and success is answered only once
/// the file is fsync'd and renamed into place (DESIGN decision 2). Below the free-space floor new instances
/// are refused with A700 (PS3.4 B.2.3) and ingest resumes by itself when space returns.
/// </summary>
public sealed class SpoolStoreHandler(SpoolDirectory spool, DiskSpace floor, ILogger logger, TimeProvider? time = null) : IStoreHandler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly DirectoryFlusher _spoolFlusher = new();

    /// <summary>Raised after an instance is durably spooled, with its spool path (the pipeline's cue).</summary>
    public event Action<string>? Spooled;

    /// <summary>
    /// The pipeline, when it runs: instances are then processed as they arrive and their pixel data written once
    /// (<see cref="PreparingSink"/>). Without it every instance is spooled as received.
    /// </summary>
    public IInstancePreparer? Preparer { get; set; }

    /// <inheritdoc/>
    public ValueTask<StoreStart> BeginAsync(StoreRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (free, _, below) = floor.Check(spool.Path);
        if (below)
        {
            CoreLog.BelowFloor(logger, context.CallingAE, free >> 20);
            return ValueTask.FromResult(StoreStart.Refuse(new StoreResult(
                DimseStatus.OutOfResources,
                $"NodeAgent storage is below its free-space floor ({free >> 20} MiB free); retry later")));
        }

        SpoolSink Received() => SpoolSink.Create(spool, context, logger, _time, path => Spooled?.Invoke(path));
        IStoreSink sink = Preparer is { } preparer && DatasetHeadReader.CanRead(context.TransferSyntax)
            ? new PreparingSink(spool, context, preparer, logger, Received, _spoolFlusher)
            : Received();
        return ValueTask.FromResult(StoreStart.Accept(sink));
    }
}
