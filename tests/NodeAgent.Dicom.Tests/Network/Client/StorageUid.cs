namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>Storage SOP class UIDs the client tests name (PS3.4 Annex B.5).</summary>
internal static class StorageUid
{
    public const string CtImage = "1.2.840.10008.5.1.4.1.1.2";

    public const string MultiFrameGrayscaleWord = "1.2.840.10008.5.1.4.1.1.7.3";
}
