namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Reasons of an A-ASSOCIATE-RJ whose source is the service-user (PS3.8 Table 9-21; 4–6 and 8–10 are reserved).</summary>
public enum ServiceUserRejectReason : byte
{
    /// <summary>no-reason-given.</summary>
    NoReasonGiven = 1,

    /// <summary>application-context-name-not-supported.</summary>
    ApplicationContextNameNotSupported = 2,

    /// <summary>calling-AE-title-not-recognized.</summary>
    CallingAETitleNotRecognized = 3,

    /// <summary>called-AE-title-not-recognized.</summary>
    CalledAETitleNotRecognized = 7,
}
