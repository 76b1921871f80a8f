namespace NodeAgent.Dicom.IO;

/// <summary>The source ended inside a header, a value, an item or a sequence.</summary>
public sealed class DicomTruncatedException : DicomFormatException
{
    /// <summary>Creates the exception for a source that ended early.</summary>
    public DicomTruncatedException(string message, long offset, DicomTag? tag = null)
        : base(message, offset, tag)
    {
    }
}
