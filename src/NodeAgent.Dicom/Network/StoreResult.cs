using NodeAgent.Dicom.Network.Dimse;

namespace NodeAgent.Dicom.Network;

/// <summary>The answer to a C-STORE: a status and, for failures, an Error Comment a PACS administrator can read.</summary>
public sealed record StoreResult(DimseStatus Status, string? ErrorComment = null)
{
    /// <summary>Stored and durable.</summary>
    public static StoreResult Success { get; } = new(DimseStatus.Success);
}
