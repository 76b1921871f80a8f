namespace NodeAgent.Dicom.IO;

/// <summary>
/// The input asks for more than the reader allows: nesting too deep, a value longer than its source,
/// a deflated stream that inflates beyond the configured bound. Thrown before anything is allocated from the
/// untrusted number.
/// </summary>
public sealed class DicomLimitExceededException : DicomFormatException
{
    /// <summary>Creates the exception for a limit hit at a byte offset.</summary>
    public DicomLimitExceededException(string message, long offset, DicomTag? tag = null)
        : base(message, offset, tag)
    {
    }
}
