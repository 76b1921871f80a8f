using System.Buffers.Binary;
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
    private const int PixelDataHeaderLength = 12;

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
            var relative = InstanceStore.RelativePathOf(
                dataset.GetString(DicomTags.StudyInstanceUID) ?? string.Empty,
                dataset.GetString(DicomTags.SeriesInstanceUID) ?? string.Empty,
                dataset.GetString(DicomTags.SOPInstanceUID) ?? string.Empty);
            var stored = InstanceStore.StoredSyntax(syntax);
            return new PreparedHead(key, relative, EncodeFileHead(dataset, stored, head), dataset, stored, deidentified.PatientPseudonym);
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

    // The stored file up to the pixel data's value: what the long way's writer puts before it.
    private static byte[] EncodeFileHead(DicomDataset dataset, TransferSyntax stored, DatasetHead head)
    {
        using var output = new MemoryStream();
        new DicomFile(dataset, stored).Save(output);
        if (!head.HasPixelData)
        {
            return output.ToArray();
        }

        Span<byte> element = stackalloc byte[PixelDataHeaderLength];
        element.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(element, DicomTags.PixelData.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(element[2..], DicomTags.PixelData.Element);
        // Encapsulated pixel data is OB (PS3.5 §A.4), whatever VR the sender gave it; the writer says so too.
        var vr = head.PixelDataLength == DatasetHead.UndefinedLength && head.PixelDataVR == DicomVR.OW ? DicomVR.OB : head.PixelDataVR!;
        element[4] = (byte)vr.Code[0];
        element[5] = (byte)vr.Code[1];
        BinaryPrimitives.WriteUInt32LittleEndian(element[8..], head.PixelDataLength);
        var bytes = output.ToArray();
        return [.. bytes, .. element];
    }
}
