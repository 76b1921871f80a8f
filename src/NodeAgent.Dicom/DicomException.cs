namespace NodeAgent.Dicom;

/// <summary>The base of every exception NodeAgent.Dicom throws for DICOM-level problems.</summary>
public class DicomException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public DicomException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public DicomException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message; prefer the other constructors.</summary>
    public DicomException()
    {
    }
}
