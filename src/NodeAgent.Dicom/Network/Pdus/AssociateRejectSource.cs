namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The Source field of an A-ASSOCIATE-RJ (PS3.8 §9.3.4, Table 9-21); it selects how the reason is read.</summary>
public enum AssociateRejectSource : byte
{
    /// <summary>DICOM UL service-user; the reason is a <see cref="ServiceUserRejectReason"/>.</summary>
    ServiceUser = 1,

    /// <summary>DICOM UL service-provider (ACSE related function); the reason is an <see cref="AcseRejectReason"/>.</summary>
    ServiceProviderAcse = 2,

    /// <summary>DICOM UL service-provider (Presentation related function); the reason is a <see cref="PresentationRejectReason"/>.</summary>
    ServiceProviderPresentation = 3,
}
