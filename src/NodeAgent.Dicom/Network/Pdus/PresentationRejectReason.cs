namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Reasons of an A-ASSOCIATE-RJ whose source is the service-provider, Presentation related (PS3.8 Table 9-21; 0 and 3–7 are reserved).</summary>
public enum PresentationRejectReason : byte
{
    /// <summary>temporary-congestion.</summary>
    TemporaryCongestion = 1,

    /// <summary>local-limit-exceeded.</summary>
    LocalLimitExceeded = 2,
}
