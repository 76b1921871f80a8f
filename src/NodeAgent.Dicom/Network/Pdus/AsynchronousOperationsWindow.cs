namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The Asynchronous Operations Window sub-item (53H, PS3.7 §D.3.3.3). 0 means unlimited; 1 and 1 is the default synchronous mode.</summary>
/// <param name="MaxOperationsInvoked">Maximum-number-operations-invoked.</param>
/// <param name="MaxOperationsPerformed">Maximum-number-operations-performed.</param>
public sealed record AsynchronousOperationsWindow(ushort MaxOperationsInvoked, ushort MaxOperationsPerformed);
