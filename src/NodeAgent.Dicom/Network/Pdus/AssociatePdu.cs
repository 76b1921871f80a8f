namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// The fields A-ASSOCIATE-RQ and A-ASSOCIATE-AC share (PS3.8 §9.3.2 and §9.3.3). In an A-ASSOCIATE-AC the AE title fields
/// are reserved, sent with the values of the request and not tested on receipt; they are decoded all the same.
/// </summary>
/// <param name="CalledAE">The called AE title: trimmed of padding on decode; validated (<see cref="AeTitle.IsValid"/>) on encode.</param>
/// <param name="CallingAE">The calling AE title: trimmed of padding on decode; validated on encode.</param>
/// <param name="UserInformation">The User Information item (PS3.8 §9.3.2.3, PS3.7 Annex D).</param>
public abstract record AssociatePdu(string CalledAE, string CallingAE, UserInformation UserInformation) : Pdu
{
    /// <summary>The DICOM Application Context Name, the only one defined (PS3.7 §A.2.1).</summary>
    public const string DicomApplicationContextName = "1.2.840.10008.3.1.1.1";

    /// <summary>The Application Context Name; empty when a decoded PDU had no Application Context item.</summary>
    public string ApplicationContextName { get; init; } = DicomApplicationContextName;

    /// <summary>The Protocol-version bit field; bit 0 (value 1) is version 1, the only one defined.</summary>
    public ushort ProtocolVersion { get; init; } = 1;
}
