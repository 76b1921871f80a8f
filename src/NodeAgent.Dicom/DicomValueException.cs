namespace NodeAgent.Dicom;

/// <summary>A value could not be read as the type asked for (a DS that is not a number, a malformed date).</summary>
public sealed class DicomValueException : DicomException
{
    /// <summary>Creates the exception for the element with the tag.</summary>
    public DicomValueException(string message, DicomTag tag) : base($"{message} in element {tag}")
    {
        Tag = tag;
    }

    /// <summary>The element whose value was bad.</summary>
    public DicomTag Tag { get; }
}
