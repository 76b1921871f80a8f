using NodeAgent.Core.Quarantine;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Pipeline;

/// <summary>
/// The checks an instance must pass before it is pseudonymised and stored. A failure throws
/// <see cref="PipelineRejection"/> with a quarantine code; messages name attributes and lengths, never values.
/// </summary>
internal static class InstanceValidator
{
    private static readonly DicomTag MediaStorageSopClassUid = new(0x0002, 0x0002);

    /// <summary>Validates the file and returns its original SOP Instance UID (trimmed).</summary>
    public static string Validate(DicomFile file)
    {
        var dataset = file.Dataset;
        var instanceUid = Trim(dataset.GetString(DicomTags.SOPInstanceUID));
        if (instanceUid.Length == 0)
        {
            throw new PipelineRejection(QuarantineCodes.NoSopInstanceUid, "The data set has no SOP Instance UID (0008,0018).");
        }

        var sopClass = Trim(dataset.GetString(DicomTags.SOPClassUID));
        var metaClass = Trim(file.FileMetaInformation.GetString(MediaStorageSopClassUid));
        if (sopClass.Length == 0)
        {
            throw new PipelineRejection(QuarantineCodes.SopClassMismatch, "The data set has no SOP Class UID (0008,0016).");
        }

        if (metaClass.Length > 0 && !string.Equals(sopClass, metaClass, StringComparison.Ordinal))
        {
            throw new PipelineRejection(QuarantineCodes.SopClassMismatch,
                "The data set's SOP Class UID (0008,0016) differs from the Media Storage SOP Class UID (0002,0002) of the file meta.");
        }

        if (Trim(dataset.GetString(DicomTags.StudyInstanceUID)).Length == 0 || Trim(dataset.GetString(DicomTags.SeriesInstanceUID)).Length == 0)
        {
            throw new PipelineRejection(QuarantineCodes.InvalidUid, "The data set has no Study Instance UID (0020,000D) or no Series Instance UID (0020,000E).");
        }

        CheckPixelData(file);
        return instanceUid;
    }

    // PS3.5 §8.1.1 and PS3.3 C.7.6.3: native pixel data holds Rows × Columns × Samples per Pixel × Bits Allocated / 8
    // bytes per frame (bit-packed when Bits Allocated is 1), padded to an even length.
    private static void CheckPixelData(DicomFile file)
    {
        var dataset = file.Dataset;
        if (file.TransferSyntax.IsEncapsulated || dataset[DicomTags.PixelData] is not DicomElement pixels)
        {
            return;
        }

        long rows, columns, bits, samples, frames;
        try
        {
            rows = dataset.GetNumber<long>(DicomTags.Rows) ?? 0;
            columns = dataset.GetNumber<long>(DicomTags.Columns) ?? 0;
            bits = dataset.GetNumber<long>(DicomTags.BitsAllocated) ?? 0;
            samples = dataset.GetNumber<long>(DicomTags.SamplesPerPixel) ?? 1;
            frames = dataset.GetNumber<long>(DicomTags.NumberOfFrames) ?? 1;
        }
        catch (Exception e) when (e is DicomValueException or OverflowException or FormatException)
        {
            throw new PipelineRejection(QuarantineCodes.PixelDataInconsistent,
                "Rows, Columns, Bits Allocated, Samples per Pixel or Number of Frames is not a number.");
        }

        if (rows <= 0 || columns <= 0 || bits <= 0 || samples <= 0 || frames <= 0 || (bits != 1 && bits % 8 != 0))
        {
            throw new PipelineRejection(QuarantineCodes.PixelDataInconsistent, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Pixel Data is present but Rows {rows}, Columns {columns}, Bits Allocated {bits}, Samples per Pixel {samples}, Number of Frames {frames} cannot describe it."));
        }

        var pixelsPerFrame = checked(rows * columns * samples);
        var expected = bits == 1 ? ((checked(pixelsPerFrame * frames)) + 7) / 8 : checked(pixelsPerFrame * (bits / 8) * frames);
        var actual = pixels.Length;
        if (actual != expected && !(actual == expected + 1 && (expected & 1) == 1))
        {
            throw new PipelineRejection(QuarantineCodes.PixelDataInconsistent, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Pixel Data (7FE0,0010) holds {actual} bytes; Rows {rows} × Columns {columns} × Samples per Pixel {samples} × Bits Allocated {bits} / 8 × Frames {frames} = {expected}."));
        }
    }

    private static string Trim(string? value) => value?.Trim(' ', '\0') ?? string.Empty;
}
