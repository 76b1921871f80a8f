namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Reasons of an A-ASSOCIATE-RJ whose source is the service-provider, ACSE related (PS3.8 Table 9-21).</summary>
public enum AcseRejectReason : byte
{
    /// <summary>no-reason-given.</summary>
    NoReasonGiven = 1,

    /// <summary>protocol-version-not-supported.</summary>
    ProtocolVersionNotSupported = 2,
}
