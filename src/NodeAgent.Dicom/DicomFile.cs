using NodeAgent.Dicom.IO;

namespace NodeAgent.Dicom;

/// <summary>
/// A DICOM Part 10 file: File Meta Information (group 0002) and the data set. Opening a file leaves large
/// values (pixel data above all) in the file, so a multi-gigabyte instance is read and written with a small,
/// bounded working set; the file must stay unchanged while the data set is in use.
/// </summary>
public sealed class DicomFile
{
    /// <summary>Wraps a data set to be written as a new file in the given transfer syntax.</summary>
    public DicomFile(DicomDataset dataset, TransferSyntax? transferSyntax = null)
        : this(new DicomDataset(), dataset, transferSyntax ?? TransferSyntax.ExplicitVRLittleEndian, [])
    {
    }

    internal DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, TransferSyntax transferSyntax, IReadOnlyList<string> warnings)
    {
        FileMetaInformation = fileMetaInformation ?? throw new ArgumentNullException(nameof(fileMetaInformation));
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        TransferSyntax = transferSyntax ?? throw new ArgumentNullException(nameof(transferSyntax));
        Warnings = warnings;
    }

    /// <summary>The File Meta Information as read (empty when the source had none).</summary>
    public DicomDataset FileMetaInformation { get; }

    /// <summary>The data set.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the data set was read in (or is to be written in).</summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>
    /// The faults a tolerant read passed over (odd lengths, stray bytes, a missing delimiter). Messages name
    /// tags and offsets only, never values, so they may be logged.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads a file; large values stay in it until copied.</summary>
    /// <exception cref="DicomFormatException">The file is not DICOM, is truncated or breaks a limit.</exception>
    public static DicomFile Open(string path, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return DicomFileReader.Open(path, options ?? DicomReaderOptions.Default);
    }

    /// <summary>Reads a Part 10 stream (or a bare data set, whose encoding is then detected).</summary>
    /// <remarks>A seekable stream must stay open while values are read from it only when it is a file opened with
    /// <see cref="Open"/>; values of other streams above the threshold are spooled to temporary files.</remarks>
    public static DicomFile Read(Stream stream, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DicomFileReader.Read(stream, null, options ?? DicomReaderOptions.Default);
    }

    /// <summary>Reads a bare data set in a known transfer syntax (a DIMSE data set, a spooled PDV stream).</summary>
    public static DicomDataset ReadDataset(Stream stream, TransferSyntax transferSyntax, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        return DicomFileReader.ReadDataset(stream, transferSyntax, null, options ?? DicomReaderOptions.Default, out _);
    }

    /// <summary>
    /// Writes the file: a fresh File Meta Information and the data set in Explicit VR Little Endian, or in the
    /// original syntax when the pixel data is encapsulated (compressed data is never transcoded).
    /// The file is written to a temporary name and renamed, so a reader never sees half of it.
    /// </summary>
    public void Save(string path, DicomWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        DicomFileWriter.Save(this, path, options ?? DicomWriterOptions.Default);
    }

    /// <summary>
    /// The file as <see cref="Save(Stream, DicomWriterOptions?)"/> writes it, followed by the header of a Pixel Data
    /// element (when <paramref name="pixelDataVR"/> is given) whose value the caller writes next, from elsewhere:
    /// <paramref name="pixelDataLength"/> bytes, or fragment items and a sequence delimiter when the length is
    /// undefined (0xFFFFFFFF). Together they are the file of the whole data set, byte for byte.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data set holds pixel data already.</exception>
    public byte[] EncodeUpToPixelData(DicomVR? pixelDataVR, uint pixelDataLength, DicomWriterOptions? options = null) =>
        DicomFileWriter.EncodeUpToPixelData(this, pixelDataVR, pixelDataLength, options ?? DicomWriterOptions.Default);

    /// <summary>Writes the file to a stream.</summary>
    public void Save(Stream stream, DicomWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        DicomFileWriter.Write(this, stream, options ?? DicomWriterOptions.Default);
    }
}
