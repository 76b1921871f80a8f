namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// One Presentation Data Value item of a P-DATA-TF (PS3.8 §9.3.5.1): a fragment of a command or data set with its message
/// control header (PS3.8 Annex E.2).
/// </summary>
/// <param name="PresentationContextId">The presentation context the fragment belongs to: odd, 1 to 255.</param>
/// <param name="IsCommand">Bit 0 of the message control header: a command fragment (else a data set fragment).</param>
/// <param name="IsLast">Bit 1 of the message control header: the last fragment of the command or data set.</param>
/// <param name="Data">
/// The fragment. In a <see cref="DataTransfer"/> returned by <see cref="PduReader"/> this slices a pooled buffer that is
/// valid only until that <see cref="DataTransfer"/> is disposed.
/// </param>
public readonly record struct PresentationDataValue(byte PresentationContextId, bool IsCommand, bool IsLast, ReadOnlyMemory<byte> Data);
