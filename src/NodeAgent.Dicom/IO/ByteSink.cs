namespace NodeAgent.Dicom.IO;

/// <summary>Receives a value's bytes chunk by chunk as the reader streams them.</summary>
internal interface IByteSink
{
    void Write(ReadOnlySpan<byte> chunk);
}
