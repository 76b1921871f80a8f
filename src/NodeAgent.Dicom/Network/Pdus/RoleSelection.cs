namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// The SCP/SCU Role Selection sub-item (54H, PS3.7 §D.3.3.4). In a request the flags propose roles for the requester;
/// in an accept they say which of the proposed roles are accepted.
/// </summary>
/// <param name="SopClassUid">The SOP class the roles apply to.</param>
/// <param name="ScuRole">The SCU-role byte is 1 (support or acceptance of the SCU role).</param>
/// <param name="ScpRole">The SCP-role byte is 1 (support or acceptance of the SCP role).</param>
public sealed record RoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);
