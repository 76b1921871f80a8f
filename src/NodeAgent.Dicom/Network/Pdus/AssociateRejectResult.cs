namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The Result field of an A-ASSOCIATE-RJ (PS3.8 §9.3.4, Table 9-21).</summary>
public enum AssociateRejectResult : byte
{
    /// <summary>rejected-permanent: retrying with the same parameters will fail again.</summary>
    Permanent = 1,

    /// <summary>rejected-transient: the requester may try again later.</summary>
    Transient = 2,
}
