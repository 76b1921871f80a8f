using System.Diagnostics;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Standardisation;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Core.Pipeline;

/// <summary>
/// Processing an instance while it arrives (<see cref="PreparingSink"/>): validate, pseudonymise and standardise
/// its head before the pixel data comes, so the pixel data is written once, into what is already the stored file.
/// The result is the same file the long way (spool, then <see cref="ProcessAsync"/>) writes.
/// </summary>
public sealed partial class IngestPipeline : IInstancePreparer
{
    /// <inheritdoc/>
    public PreparedHead? TryPrepare(DatasetHead head, StoreRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(context);
        var dataset = head.Dataset;
        var syntax = context.TransferSyntax;
        // A data set that is not the command's instance is answered by the long way's check (A900 or C000).
        if (!string.Equals(dataset.GetString(DicomTags.SOPClassUID), context.SopClassUid, StringComparison.Ordinal)
            || !string.Equals(dataset.GetString(DicomTags.SOPInstanceUID), context.SopInstanceUid, StringComparison.Ordinal))
        {
            return null;
        }

        var mark = _time.GetTimestamp();
        try
        {
            if (head.HasPixelData && !syntax.IsEncapsulated)
            {
                // Validation checks the pixel data's length, and no step may find it missing.
                dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, head.PixelDataVR!, new PendingValue(head.PixelDataLength)));
            }

            var key = InstanceKeyOf(InstanceValidator.Validate(new DicomFile(dataset, syntax)));
            mark = Mark(PipelineStages.Validate, mark);
            var deidentified = _deidentifier.Deidentify(dataset);
            mark = Mark(PipelineStages.Pseudonymise, mark);
            CharacterSetStandardiser.ToUtf8(dataset);
            Mark(PipelineStages.Standardise, mark);

            dataset.Remove(DicomTags.PixelData);
            var relative = InstanceStore.RelativePathOf(dataset);
            var stored = InstanceStore.StoredSyntax(syntax);
            var fileHead = new DicomFile(dataset, stored).EncodeUpToPixelData(head.PixelDataVR, head.PixelDataLength);
            return new PreparedHead(key, relative, fileHead, dataset, stored, deidentified.PatientPseudonym);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever failed (a rejection the long way quarantines, a malformed UID, a step that needed the pixel
            // data) fails again the long way, which has the whole file to quarantine.
            CoreLog.PrepareDeclined(_logger, e.GetType().Name);
            return null;
        }
    }

    /// <inheritdoc/>
    public void Prepared(ReadyInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _ready[instance.SpoolPath] = instance;
        if (Activity.Current is { } receiving)
        {
            _received[instance.SpoolPath] = receiving.Context;
        }

        if (!TryQueue(instance.SpoolPath))
        {
            // The queue is full: the ready file waits in the spool for the next scan, which reads it back.
            _ready.TryRemove(instance.SpoolPath, out _);
            _received.TryRemove(instance.SpoolPath, out _);
        }
    }
}
