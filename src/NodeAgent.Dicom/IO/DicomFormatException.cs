namespace NodeAgent.Dicom.IO;

/// <summary>
/// The encoded data violates PS3.5 or PS3.10 in a way the reader will not guess around.
/// The message names the byte offset and, where known, the tag being read.
/// </summary>
public class DicomFormatException : DicomException
{
    /// <summary>Creates the exception for a problem at a byte offset of the source.</summary>
    public DicomFormatException(string message, long offset, DicomTag? tag = null)
        : base(Describe(message, offset, tag))
    {
        Offset = offset;
        Tag = tag;
    }

    /// <summary>Creates the exception around a lower-level cause.</summary>
    public DicomFormatException(string message, long offset, Exception innerException)
        : base(Describe(message, offset, null), innerException)
    {
        Offset = offset;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public DicomFormatException(string message) : base(message)
    {
        Offset = -1;
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public DicomFormatException(string message, Exception innerException) : base(message, innerException)
    {
        Offset = -1;
    }

    /// <summary>Creates an exception with no message; prefer the other constructors.</summary>
    public DicomFormatException()
    {
        Offset = -1;
    }

    /// <summary>The byte offset in the source where the problem was found, or -1.</summary>
    public long Offset { get; }

    /// <summary>The tag of the element being read, when known.</summary>
    public DicomTag? Tag { get; }

    private static string Describe(string message, long offset, DicomTag? tag) =>
        tag is { } t ? $"{message} (element {t} at byte {offset})" : $"{message} (at byte {offset})";
}
