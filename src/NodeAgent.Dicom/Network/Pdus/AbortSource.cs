namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Who initiated an A-ABORT (PS3.8 §9.3.8, Table 9-26). The value 1 is reserved.</summary>
public enum AbortSource : byte
{
    /// <summary>DICOM UL service-user (initiated abort); the reason is then not significant.</summary>
    ServiceUser = 0,

    /// <summary>DICOM UL service-provider (initiated abort).</summary>
    ServiceProvider = 2,
}
