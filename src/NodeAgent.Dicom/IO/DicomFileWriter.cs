using System.IO.Compression;

namespace NodeAgent.Dicom.IO;

/// <summary>Writes Part 10 files (PS3.10 §7.1): preamble, "DICM", a fresh File Meta Information, the data set.</summary>
internal static class DicomFileWriter
{
    private const int PreambleLength = 128;
    // Below the 85 KB large-object threshold, so a save allocates no LOH buffer.
    private const int OutputBufferSize = 64 * 1024;

    /// <summary>Meta elements carried over from the source file when present; the rest are written anew.</summary>
    private static readonly DicomTag[] CarriedMeta =
    [
        new(0x0002, 0x0016), new(0x0002, 0x0017), new(0x0002, 0x0018), new(0x0002, 0x0100), new(0x0002, 0x0102),
    ];

    public static void Save(DicomFile file, string path, DicomWriterOptions options)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                Write(file, stream, options);
                if (options.FlushToDisk)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static void Write(DicomFile file, Stream destination, DicomWriterOptions options)
    {
        using var output = new BufferedStream(destination, OutputBufferSize);
        WriteFile(file, TargetSyntax(file, options), output, options);
        output.Flush();
    }

    /// <summary>
    /// The file's bytes, then the header of a Pixel Data element whose value the caller writes from elsewhere (pixel
    /// data streamed from the network), so the two together are what <see cref="Write"/> writes for the whole data set.
    /// </summary>
    public static byte[] EncodeUpToPixelData(DicomFile file, DicomVR? pixelDataVR, uint pixelDataLength, DicomWriterOptions options)
    {
        if (file.Dataset.Contains(DicomTags.PixelData))
        {
            throw new InvalidOperationException("The data set holds its pixel data already.");
        }

        var syntax = TargetSyntax(file, options);
        if (syntax.IsDeflated)
        {
            throw new NotSupportedException("A deflated data set cannot be followed by bytes written elsewhere.");
        }

        using var output = new MemoryStream();
        WriteFile(file, syntax, output, options);
        if (pixelDataVR is not null)
        {
            new DicomDatasetWriter(output, EncodingRules.For(syntax), options).WritePixelDataHeader(pixelDataVR, pixelDataLength);
        }

        return output.ToArray();
    }

    private static void WriteFile(DicomFile file, TransferSyntax syntax, Stream output, DicomWriterOptions options)
    {
        output.Write(new byte[PreambleLength]);
        output.Write("DICM"u8);
        new DicomDatasetWriter(output, EncodingRules.ExplicitLittle, options).Write(BuildMeta(file, syntax));
        WriteBody(file.Dataset, syntax, output, options);
    }

    /// <summary>Writes a bare data set (no preamble, no meta) in the given syntax, as DIMSE sends it.</summary>
    public static void WriteBody(DicomDataset dataset, TransferSyntax syntax, Stream output, DicomWriterOptions options)
    {
        if (syntax.IsBigEndian)
        {
            throw new NotSupportedException("Explicit VR Big Endian is retired; NodeAgent reads it but does not write it.");
        }

        if (syntax.IsDeflated)
        {
            using var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true);
            new DicomDatasetWriter(deflate, EncodingRules.For(syntax), options).Write(dataset);
            return;
        }

        new DicomDatasetWriter(output, EncodingRules.For(syntax), options).Write(dataset);
    }

    internal static TransferSyntax TargetSyntax(DicomFile file, DicomWriterOptions options)
    {
        if (options.TransferSyntax is { } chosen)
        {
            return chosen;
        }

        return file.TransferSyntax.IsEncapsulated ? file.TransferSyntax : TransferSyntax.ExplicitVRLittleEndian;
    }

    private static DicomDataset BuildMeta(DicomFile file, TransferSyntax syntax)
    {
        var source = file.FileMetaInformation;
        var carried = CarriedMeta.Select(tag => source[tag]).OfType<DicomItem>();
        return BuildMeta(
            FirstOf(file.Dataset, source, new(0x0008, 0x0016), new(0x0002, 0x0002)),
            FirstOf(file.Dataset, source, new(0x0008, 0x0018), new(0x0002, 0x0003)),
            syntax,
            carried);
    }

    /// <summary>A File Meta Information group (PS3.10 §7.1) with its group length, our implementation identity and the given extras.</summary>
    internal static DicomDataset BuildMeta(string sopClassUid, string sopInstanceUid, TransferSyntax syntax, IEnumerable<DicomItem> extras)
    {
        var meta = new DicomDataset();
        meta.AddOrUpdate(new DicomElement(new DicomTag(0x0002, 0x0001), DicomVR.OB, new byte[] { 0x00, 0x01 }));
        meta.AddOrUpdate(new DicomTag(0x0002, 0x0002), DicomVR.UI, sopClassUid);
        meta.AddOrUpdate(new DicomTag(0x0002, 0x0003), DicomVR.UI, sopInstanceUid);
        meta.AddOrUpdate(new DicomTag(0x0002, 0x0010), DicomVR.UI, syntax.Uid);
        meta.AddOrUpdate(new DicomTag(0x0002, 0x0012), DicomVR.UI, DicomUid.ImplementationClassUid);
        meta.AddOrUpdate(new DicomTag(0x0002, 0x0013), DicomVR.SH, DicomUid.ImplementationVersionName);
        foreach (var extra in extras)
        {
            meta.AddOrUpdate(extra);
        }

        var length = EncodedLength.OfDataset(meta, EncodingRules.ExplicitLittle, DicomWriterOptions.Default);
        meta.AddOrUpdate<uint>(new DicomTag(0x0002, 0x0000), DicomVR.UL, (uint)length);
        return meta;
    }

    /// <summary>The preamble, "DICM" and File Meta Information, ready to be followed by a data set's bytes.</summary>
    internal static byte[] EncodeHeader(DicomDataset meta)
    {
        using var output = new MemoryStream();
        output.Write(new byte[PreambleLength]);
        output.Write("DICM"u8);
        new DicomDatasetWriter(output, EncodingRules.ExplicitLittle, DicomWriterOptions.Default).Write(meta);
        return output.ToArray();
    }

    private static string FirstOf(DicomDataset dataset, DicomDataset meta, DicomTag datasetTag, DicomTag metaTag)
    {
        var value = dataset.GetString(datasetTag);
        return string.IsNullOrEmpty(value) ? meta.GetString(metaTag) ?? string.Empty : value;
    }
}
