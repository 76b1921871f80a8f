namespace NodeAgent.Dicom.Network;

/// <summary>UIDs the network layer names directly (PS3.6 Annex A).</summary>
public static class KnownUids
{
    /// <summary>The DICOM Application Context Name (PS3.7 Annex A.2.1).</summary>
    public const string ApplicationContext = "1.2.840.10008.3.1.1.1";

    /// <summary>Verification SOP Class (C-ECHO).</summary>
    public const string Verification = "1.2.840.10008.1.1";
}
