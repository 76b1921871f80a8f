namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The PDU-type byte that opens every Upper Layer PDU (PS3.8 §9.3, Table 9-1 ff.).</summary>
public enum PduType : byte
{
    /// <summary>A-ASSOCIATE-RQ (01H, PS3.8 §9.3.2).</summary>
    AssociateRequest = 0x01,

    /// <summary>A-ASSOCIATE-AC (02H, PS3.8 §9.3.3).</summary>
    AssociateAccept = 0x02,

    /// <summary>A-ASSOCIATE-RJ (03H, PS3.8 §9.3.4).</summary>
    AssociateReject = 0x03,

    /// <summary>P-DATA-TF (04H, PS3.8 §9.3.5).</summary>
    DataTransfer = 0x04,

    /// <summary>A-RELEASE-RQ (05H, PS3.8 §9.3.6).</summary>
    ReleaseRequest = 0x05,

    /// <summary>A-RELEASE-RP (06H, PS3.8 §9.3.7).</summary>
    ReleaseResponse = 0x06,

    /// <summary>A-ABORT (07H, PS3.8 §9.3.8).</summary>
    Abort = 0x07,
}
