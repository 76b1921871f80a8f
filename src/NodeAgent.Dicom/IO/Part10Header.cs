namespace NodeAgent.Dicom.IO;

/// <summary>
/// The head of a Part 10 file on its own: preamble, "DICM" and File Meta Information. Written before a data
/// set that arrives as bytes (a C-STORE streamed from the network), it turns those bytes into a valid file
/// without parsing or re-encoding them.
/// </summary>
public static class Part10Header
{
    /// <summary>Encodes the header for a data set of the given SOP class and instance in the given transfer syntax.</summary>
    /// <param name="sopClassUid">Media Storage SOP Class UID (0002,0002).</param>
    /// <param name="sopInstanceUid">Media Storage SOP Instance UID (0002,0003).</param>
    /// <param name="transferSyntax">The syntax the data set bytes are in (0002,0010).</param>
    /// <param name="sourceAETitle">Source Application Entity Title (0002,0016): the AE that sent it, when known.</param>
    public static byte[] Encode(string sopClassUid, string sopInstanceUid, TransferSyntax transferSyntax, string? sourceAETitle = null)
    {
        ArgumentNullException.ThrowIfNull(sopClassUid);
        ArgumentNullException.ThrowIfNull(sopInstanceUid);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        var extras = new List<DicomItem>();
        if (!string.IsNullOrWhiteSpace(sourceAETitle))
        {
            var source = new DicomDataset().AddOrUpdate(new DicomTag(0x0002, 0x0016), DicomVR.AE, sourceAETitle.Trim());
            extras.Add(source[new DicomTag(0x0002, 0x0016)]!);
        }

        return DicomFileWriter.EncodeHeader(DicomFileWriter.BuildMeta(sopClassUid, sopInstanceUid, transferSyntax, extras));
    }
}
