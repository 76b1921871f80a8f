namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// The User Information item (50H) of an A-ASSOCIATE-RQ or -AC (PS3.8 §9.3.2.3, PS3.7 Annex D) and its sub-items.
/// The defaults describe NodeAgent; a decoded item reports what the peer sent, with absent single sub-items as 0, empty or null.
/// </summary>
public sealed record UserInformation
{
    /// <summary>
    /// Maximum Length sub-item (51H, PS3.8 Annex D.1): the largest P-DATA-TF PDU-length the sender will receive;
    /// 0 means no limit (and is also what a decoded item without the sub-item reports). Always encoded.
    /// </summary>
    public uint MaximumLength { get; init; } = PduLimits.DefaultMaxPduLength;

    /// <summary>Implementation Class UID sub-item (52H, PS3.7 §D.3.3.2); encoded when not empty.</summary>
    public string ImplementationClassUid { get; init; } = DicomUid.ImplementationClassUid;

    /// <summary>Implementation Version Name sub-item (55H), 1 to 16 characters; encoded when neither null nor empty.</summary>
    public string? ImplementationVersionName { get; init; } = DicomUid.ImplementationVersionName;

    /// <summary>Asynchronous Operations Window sub-item (53H, PS3.7 §D.3.3.3); null when absent.</summary>
    public AsynchronousOperationsWindow? AsynchronousOperationsWindow { get; init; }

    /// <summary>SCP/SCU Role Selection sub-items (54H, PS3.7 §D.3.3.4), one per SOP class.</summary>
    public IReadOnlyList<RoleSelection> RoleSelections { get; init; } = [];

    /// <summary>SOP Class Extended Negotiation sub-items (56H, PS3.7 §D.3.3.5).</summary>
    public IReadOnlyList<SopClassExtendedNegotiation> ExtendedNegotiations { get; init; } = [];

    /// <summary>SOP Class Common Extended Negotiation sub-items (57H, PS3.7 §D.3.3.6); sent in A-ASSOCIATE-RQ only.</summary>
    public IReadOnlyList<SopClassCommonExtendedNegotiation> CommonExtendedNegotiations { get; init; } = [];

    /// <summary>User Identity Negotiation sub-item of the request (58H, PS3.7 §D.3.3.7); only allowed in an A-ASSOCIATE-RQ.</summary>
    public UserIdentityRequest? UserIdentityRequest { get; init; }

    /// <summary>User Identity Negotiation sub-item of the accept (59H, PS3.7 §D.3.3.7); only allowed in an A-ASSOCIATE-AC.</summary>
    public UserIdentityResponse? UserIdentityResponse { get; init; }

    /// <summary>
    /// Sub-items of types this implementation does not know, kept so they can be logged by type and length. PS3.7 §D.3.3
    /// says they are ignored; they are encoded again after the known sub-items.
    /// </summary>
    public IReadOnlyList<UnrecognizedUserItem> UnrecognizedItems { get; init; } = [];
}
