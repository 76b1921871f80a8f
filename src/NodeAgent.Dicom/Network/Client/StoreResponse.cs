using NodeAgent.Dicom.Network.Dimse;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>The peer's C-STORE-RSP (PS3.4 §B.2.3, PS3.7 §9.1.1.1.9).</summary>
/// <param name="Status">The status: success, a warning (Bxxx) or a failure.</param>
/// <param name="ErrorComment">The Error Comment (0000,0902), when the peer sent one.</param>
/// <param name="SopInstanceUid">The SOP Instance UID that was sent (not to be logged: it identifies a patient's image).</param>
public sealed record StoreResponse(DimseStatus Status, string? ErrorComment, string SopInstanceUid);
