using NodeAgent.Dicom;

namespace NodeAgent.Testing;

/// <summary>A data set a <see cref="DirectoryStoreHandler"/> received whole.</summary>
/// <param name="Number">The handler's sequence number for the C-STORE, also the file name (<c>&lt;n&gt;.dcm</c>).</param>
/// <param name="Path">The file holding the raw data set bytes as they arrived (no File Meta Information).</param>
/// <param name="TransferSyntax">The presentation context's transfer syntax, in which the bytes are encoded.</param>
/// <param name="SopClassUid">Affected SOP Class UID of the C-STORE-RQ.</param>
/// <param name="SopInstanceUid">Affected SOP Instance UID of the C-STORE-RQ.</param>
/// <param name="CallingAE">The sender's AE title.</param>
/// <param name="AssociationId">The listener's id of the association that carried it.</param>
public sealed record ReceivedInstance(
    int Number,
    string Path,
    TransferSyntax TransferSyntax,
    string SopClassUid,
    string SopInstanceUid,
    string CallingAE,
    string AssociationId)
{
    /// <summary>Reads the received data set in its transfer syntax.</summary>
    public DicomDataset ReadDataset()
    {
        using var stream = File.OpenRead(Path);
        return DicomFile.ReadDataset(stream, TransferSyntax);
    }
}
