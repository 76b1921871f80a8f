using NodeAgent.Dicom;

namespace NodeAgent.Core.Spool;

/// <summary>The processed head of an instance whose pixel data is still arriving.</summary>
/// <param name="InstanceKey">The pipeline's key of the original SOP Instance UID.</param>
/// <param name="RelativePath">Where the instance is stored, under its pseudonymised UIDs.</param>
/// <param name="FileHead">
/// The stored file up to the pixel data's value: preamble, File Meta Information, the processed elements and the
/// Pixel Data element header (when there is pixel data).
/// </param>
/// <param name="Dataset">The processed elements (no pixel data), for the index.</param>
/// <param name="StoredSyntax">The stored file's transfer syntax.</param>
/// <param name="PatientPseudonym">The patient's pseudonym, for the log.</param>
public sealed record PreparedHead(
    string InstanceKey,
    string RelativePath,
    ReadOnlyMemory<byte> FileHead,
    DicomDataset Dataset,
    TransferSyntax StoredSyntax,
    string? PatientPseudonym);
