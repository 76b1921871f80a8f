namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Item-type bytes of the items and sub-items of the association PDUs (PS3.8 §9.3.2–9.3.3, PS3.7 Annex D).</summary>
internal static class ItemType
{
    public const byte ApplicationContext = 0x10;
    public const byte PresentationContextRequest = 0x20;
    public const byte PresentationContextAccept = 0x21;
    public const byte AbstractSyntax = 0x30;
    public const byte TransferSyntax = 0x40;
    public const byte UserInformation = 0x50;
    public const byte MaximumLength = 0x51;
    public const byte ImplementationClassUid = 0x52;
    public const byte AsynchronousOperationsWindow = 0x53;
    public const byte RoleSelection = 0x54;
    public const byte ImplementationVersionName = 0x55;
    public const byte SopClassExtendedNegotiation = 0x56;
    public const byte SopClassCommonExtendedNegotiation = 0x57;
    public const byte UserIdentityRequest = 0x58;
    public const byte UserIdentityResponse = 0x59;

    /// <summary>
    /// True for the item types this standard defines anywhere in an association PDU. Such an item in the wrong place is an
    /// unexpected parameter; any other type is unrecognized and skipped (PS3.8 §9.3).
    /// </summary>
    public static bool IsDefined(byte type) =>
        type is ApplicationContext or PresentationContextRequest or PresentationContextAccept or AbstractSyntax or TransferSyntax
            or (>= UserInformation and <= UserIdentityResponse);

    /// <summary>The item's name for messages.</summary>
    public static string Name(byte type) => type switch
    {
        ApplicationContext => "Application Context item",
        PresentationContextRequest => "Presentation Context item (RQ)",
        PresentationContextAccept => "Presentation Context item (AC)",
        AbstractSyntax => "Abstract Syntax sub-item",
        TransferSyntax => "Transfer Syntax sub-item",
        UserInformation => "User Information item",
        MaximumLength => "Maximum Length sub-item",
        ImplementationClassUid => "Implementation Class UID sub-item",
        AsynchronousOperationsWindow => "Asynchronous Operations Window sub-item",
        RoleSelection => "SCP/SCU Role Selection sub-item",
        ImplementationVersionName => "Implementation Version Name sub-item",
        SopClassExtendedNegotiation => "SOP Class Extended Negotiation sub-item",
        SopClassCommonExtendedNegotiation => "SOP Class Common Extended Negotiation sub-item",
        UserIdentityRequest => "User Identity sub-item (RQ)",
        UserIdentityResponse => "User Identity sub-item (AC)",
        _ => "unrecognized item",
    };
}
