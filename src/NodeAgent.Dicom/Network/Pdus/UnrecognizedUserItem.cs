namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>A User Information sub-item of a type not defined by PS3.7 Annex D: ignored by the protocol, kept for logging.</summary>
/// <param name="ItemType">The item-type byte.</param>
/// <param name="Value">The bytes after the 4-byte sub-item header (a copy owned by this record).</param>
public sealed record UnrecognizedUserItem(byte ItemType, ReadOnlyMemory<byte> Value);
